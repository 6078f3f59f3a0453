namespace DialNexa.Functions.Notifications.Slack;

/// <summary>How one attempt to post a Slack message ended.</summary>
public enum SlackPostOutcome
{
    /// <summary>Slack confirmed it (200), and the post is recorded for the call.</summary>
    Posted,

    /// <summary>An earlier attempt's post is recorded for the call: nothing was sent.</summary>
    AlreadyPosted,

    /// <summary>The channel is in dry run: the post is rendered and recorded in the result, not sent.</summary>
    DryRun,

    /// <summary>Slack refused or failed for a passing reason (5xx, 429, timeout, connection): worth another attempt.</summary>
    RetryLater,

    /// <summary>Slack refused the message itself (400), or it has no text: sending it again will not help.</summary>
    Refused,

    /// <summary>No webhook URL, or Slack refuses the webhook's channel or app (401, 403, 404, 410): the setting needs fixing.</summary>
    NotConfigured,
}
