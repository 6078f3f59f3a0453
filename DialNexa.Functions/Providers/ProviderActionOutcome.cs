namespace DialNexa.Functions.Providers;

/// <summary>What became of a provider action, in terms the orchestration acts on.</summary>
public enum ProviderActionOutcome
{
    /// <summary>The provider accepted the write.</summary>
    Written,

    /// <summary>The lookup found the effect already there (a retried call): nothing new was written.</summary>
    AlreadyDone,

    /// <summary>A read-only action found what it looked for.</summary>
    Found,

    /// <summary>Dry-run mode: the request was rendered, not sent.</summary>
    DryRun,

    /// <summary>The record the action needs does not exist.</summary>
    NotFound,

    /// <summary>The record changed under us (Gusto 409); re-read and decide.</summary>
    Conflict,

    /// <summary>The provider refused the request as invalid (its message says why): route to review.</summary>
    Invalid,

    /// <summary>Credentials or settings are missing or refused: alert, naming the setting.</summary>
    NotConfigured,

    /// <summary>Outage, rate limit or timeout after retries: retry later, then review.</summary>
    Transient,
}
