namespace DialNexa.Functions.Providers.Configuration;

/// <summary>
/// One provider's settings (<c>Providers:&lt;Name&gt;</c>). Every credential may be a value or a Key Vault reference
/// <c>@Microsoft.KeyVault(SecretUri=https://…/secrets/name)</c>, resolved with the app's Azure identity.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary>DryRun (default: requests are rendered and recorded, never sent) or Live.</summary>
    public ProviderMode Mode { get; set; } = ProviderMode.DryRun;

    /// <summary>The API's base URL; each provider has its production default (tests point it at a loopback fake).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Paystack secret key (sk_live_… / sk_test_…).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Plisio secret key, Altoviz X-API-KEY, Proabono API key (Basic password).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Proabono agent key (Basic user name).</summary>
    public string? AgentKey { get; set; }

    /// <summary>Gusto company access token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gusto company UUID.</summary>
    public string? CompanyId { get; set; }

    /// <summary>Gusto API version header (X-Gusto-API-Version).</summary>
    public string ApiVersion { get; set; } = "2025-06-15";

    /// <summary>Slack incoming-webhook URL (itself a credential).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Per-attempt timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of requests that are safe to repeat (reads, version-guarded and deduplicated writes).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// How long after a create was sent without a settled answer the provider may still commit it: a rerun that does
    /// not find it reads again until this has passed, and only then sends it again (default 60).
    /// </summary>
    public int CommitGraceSeconds { get; set; } = 60;
}
