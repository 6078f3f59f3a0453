namespace DialNexa.Functions.Providers;

/// <summary>The platforms a call can be handed to.</summary>
public enum ProviderName
{
    Gusto,
    Paystack,
    Plisio,
    Proabono,
    Altoviz,
    Slack,
}
