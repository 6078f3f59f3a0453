using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Gusto;

/// <summary>Gusto's settings (<c>Providers:Gusto</c>): a company access token and the company's UUID.</summary>
public sealed class GustoOptions : ProviderOptions
{
    /// <summary>Company access token (Bearer).</summary>
    public string? AccessToken { get; set; }

    /// <summary>Company UUID.</summary>
    public string? CompanyId { get; set; }

    /// <summary>API version header (X-Gusto-API-Version).</summary>
    public string ApiVersion { get; set; } = "2025-06-15";

    public override ProviderName Provider => ProviderName.Gusto;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(AccessToken), AccessToken), (nameof(CompanyId), CompanyId)];

    public override IReadOnlyList<string?> Credentials => [AccessToken];
}
