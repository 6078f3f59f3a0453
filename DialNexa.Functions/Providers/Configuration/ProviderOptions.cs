namespace DialNexa.Functions.Providers.Configuration;

/// <summary>
/// What every provider's settings (<c>Providers:&lt;Name&gt;</c>) share. Each provider's folder has its own options type
/// with its credentials and the settings it needs before it may run Live; every credential may be a value or a Key
/// Vault reference <c>@Microsoft.KeyVault(SecretUri=https://…/secrets/name)</c>, resolved with the app's Azure identity.
/// </summary>
public abstract class ProviderOptions
{
    /// <summary>The configuration section of a provider's settings.</summary>
    public static string SectionOf(ProviderName name) => $"Providers:{name}";

    /// <summary>DryRun (default: requests are rendered and recorded, never sent) or Live.</summary>
    public ProviderMode Mode { get; set; } = ProviderMode.DryRun;

    /// <summary>The API's base URL; each provider has its production default (tests point it at a loopback fake).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Per-attempt timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of requests that are safe to repeat (reads, version-guarded and deduplicated writes).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// How long after a create was sent without a settled answer the provider may still commit it: a rerun that does
    /// not find it reads again until this has passed, and only then sends it again (default 60).
    /// </summary>
    public int CommitGraceSeconds { get; set; } = 60;

    /// <summary>The provider these settings are for.</summary>
    public abstract ProviderName Provider { get; }

    /// <summary>The settings the provider needs before it may run Live, by their names under its section, with their values.</summary>
    public abstract IReadOnlyList<(string Setting, string? Value)> Required { get; }

    /// <summary>Every credential the provider may use (each resolved once before its first call).</summary>
    public abstract IReadOnlyList<string?> Credentials { get; }

    /// <summary>A setting of a provider as an operator sets it (<c>Providers__Paystack__SecretKey</c>).</summary>
    public static string SettingOf(ProviderName name, string setting) => $"Providers__{name}__{setting}";

    /// <summary>The first missing required setting as an operator sets it (for example <c>Providers__Paystack__SecretKey</c>), or null.</summary>
    public string? MissingSetting() =>
        Required.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => SettingOf(Provider, r.Setting)).FirstOrDefault();

    /// <summary>Checks of the provider's own settings beyond the shared ones; each problem names its setting.</summary>
    public virtual IEnumerable<string> OwnProblems() => [];
}
