using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Proabono;

/// <summary>
/// Proabono's settings (<c>Providers:Proabono</c>): Basic authentication with an agent key and an API key, and the
/// base URL, which names the account's own API host (api-&lt;n&gt;.proabono.com).
/// </summary>
public sealed class ProabonoOptions : ProviderOptions
{
    /// <summary>Agent key (Basic user name).</summary>
    public string? AgentKey { get; set; }

    /// <summary>API key (Basic password).</summary>
    public string? ApiKey { get; set; }

    public override ProviderName Provider => ProviderName.Proabono;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(AgentKey), AgentKey), (nameof(ApiKey), ApiKey), (nameof(BaseUrl), BaseUrl)];

    public override IReadOnlyList<string?> Credentials => [AgentKey, ApiKey];
}
