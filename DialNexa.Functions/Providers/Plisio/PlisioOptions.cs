using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Plisio;

/// <summary>Plisio's settings (<c>Providers:Plisio</c>).</summary>
public sealed class PlisioOptions : ProviderOptions
{
    /// <summary>Secret key, sent as the api_key query parameter.</summary>
    public string? ApiKey { get; set; }

    public override ProviderName Provider => ProviderName.Plisio;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(ApiKey), ApiKey)];

    public override IReadOnlyList<string?> Credentials => [ApiKey];
}
