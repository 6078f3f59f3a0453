namespace DialNexa.Functions.Notifications.Slack;

/// <summary>What checking a request's Slack signature found.</summary>
public enum SlackSignatureCheck
{
    Valid,

    /// <summary>No X-Slack-Signature or X-Slack-Request-Timestamp, or not a number.</summary>
    Missing,

    /// <summary>The timestamp is more than the allowed skew away from now (a replay, or a wrong clock).</summary>
    Stale,

    /// <summary>The signature does not match the body.</summary>
    Mismatch,
}
