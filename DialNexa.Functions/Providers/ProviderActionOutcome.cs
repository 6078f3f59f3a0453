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

    /// <summary>
    /// Outage, rate limit or timeout after retries, with nothing written (a read failed, or the provider refused the
    /// write before taking it): the handoff tries again later, then sends it to review.
    /// </summary>
    Transient,

    /// <summary>
    /// The write was sent and its answer was lost or unclear (a 5xx, a timeout, a reset connection, a success whose body
    /// could not be read), and reading the provider back has not yet settled whether it took effect. Not a failure:
    /// <see cref="ProviderActionResult.ProviderHolds"/> says what the provider was seen to hold, and the action is read
    /// again (never blindly sent again) until it settles, or goes to review still in doubt.
    /// </summary>
    InDoubt,
}
