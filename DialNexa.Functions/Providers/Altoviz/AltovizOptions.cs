using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Altoviz;

/// <summary>Altoviz's settings (<c>Providers:Altoviz</c>).</summary>
public sealed class AltovizOptions : ProviderOptions
{
    /// <summary>The X-API-KEY header.</summary>
    public string? ApiKey { get; set; }

    public override ProviderName Provider => ProviderName.Altoviz;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(ApiKey), ApiKey)];

    public override IReadOnlyList<string?> Credentials => [ApiKey];
}
