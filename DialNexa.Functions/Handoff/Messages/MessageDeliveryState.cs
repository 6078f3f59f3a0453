namespace DialNexa.Functions.Handoff.Messages;

/// <summary>Where one outgoing message stands.</summary>
public enum MessageDeliveryState
{
    /// <summary>Composed, not tried yet (an earlier message of its channel is still being delivered, for order).</summary>
    Queued,

    /// <summary>Tried and refused or failed for a passing reason; tried again at <c>nextAttemptAt</c>.</summary>
    Retrying,

    /// <summary>Slack or the mail relay confirmed it.</summary>
    Delivered,

    /// <summary>Slack is in dry run: rendered, not sent.</summary>
    DryRun,

    /// <summary>Refused for good, or still failing when its retries ran out: the call goes to review and an error is logged.</summary>
    Failed,
}
