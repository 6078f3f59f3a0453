namespace DialNexa.Functions.Handoff.Messages;

/// <summary>How one delivery attempt of a message ended.</summary>
public enum MessageAttemptOutcome
{
    Delivered,

    /// <summary>An earlier attempt delivered it (its confirmation was recorded): nothing was sent.</summary>
    AlreadyDelivered,

    DryRun,

    /// <summary>Refused or failed for a passing reason (outage, rate limit, timeout): worth another attempt.</summary>
    RetryLater,

    /// <summary>Refused for good (bad payload, channel gone, mailbox unknown, not configured).</summary>
    Refused,
}
