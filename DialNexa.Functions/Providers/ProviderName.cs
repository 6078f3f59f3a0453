namespace DialNexa.Functions.Providers;

/// <summary>The finance platforms a call can be handed to (Slack is a notification channel, not one of them).</summary>
public enum ProviderName
{
    Gusto,
    Paystack,
    Plisio,
    Proabono,
    Altoviz,
}
