namespace DialNexa.Functions.Providers.Configuration;

/// <summary>The <c>Providers</c> section: one block per platform.</summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Providers";

    public ProviderOptions Gusto { get; set; } = new();

    public ProviderOptions Paystack { get; set; } = new();

    public ProviderOptions Plisio { get; set; } = new();

    public ProviderOptions Proabono { get; set; } = new();

    public ProviderOptions Altoviz { get; set; } = new();

    public ProviderOptions Slack { get; set; } = new();

    public ProviderOptions For(ProviderName name) => name switch
    {
        ProviderName.Gusto => Gusto,
        ProviderName.Paystack => Paystack,
        ProviderName.Plisio => Plisio,
        ProviderName.Proabono => Proabono,
        ProviderName.Altoviz => Altoviz,
        _ => Slack,
    };
}
