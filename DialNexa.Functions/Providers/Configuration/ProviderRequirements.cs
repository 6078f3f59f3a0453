namespace DialNexa.Functions.Providers.Configuration;

/// <summary>The settings each provider needs before it may run Live, named as operators set them.</summary>
public static class ProviderRequirements
{
    public static IReadOnlyList<(string Setting, Func<ProviderOptions, string?> Read)> For(ProviderName name) => name switch
    {
        ProviderName.Paystack => [("SecretKey", o => o.SecretKey)],
        ProviderName.Gusto => [("AccessToken", o => o.AccessToken), ("CompanyId", o => o.CompanyId)],
        ProviderName.Plisio => [("ApiKey", o => o.ApiKey)],
        ProviderName.Proabono => [("AgentKey", o => o.AgentKey), ("ApiKey", o => o.ApiKey), ("BaseUrl", o => o.BaseUrl)],
        ProviderName.Altoviz => [("ApiKey", o => o.ApiKey)],
        _ => [("WebhookUrl", o => o.WebhookUrl)],
    };

    /// <summary>The first missing setting as its full name (for example "Providers:Paystack:SecretKey"), or null.</summary>
    public static string? MissingSetting(ProviderName name, ProviderOptions options) =>
        For(name).Where(r => string.IsNullOrWhiteSpace(r.Read(options))).Select(r => $"Providers:{name}:{r.Setting}").FirstOrDefault();
}
