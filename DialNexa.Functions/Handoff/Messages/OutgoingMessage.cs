using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Handoff.Messages;

/// <summary>
/// A message for people, once composed: a Slack post (alert, approval request, reminder, decision notice, review alert)
/// or an approver's approval mail. <see cref="Key"/> names it within the call, so it is delivered once however often
/// its delivery runs; messages of one channel are delivered in the order they were composed.
/// </summary>
public sealed record OutgoingMessage
{
    public required string CallId { get; init; }

    /// <summary>Unique within the call ("approval-request", "decision", "review-alert", "alert:duplicate-charge", …).</summary>
    public required string Key { get; init; }

    /// <summary>What it is, for people ("Approval request", "Duplicate charge alert").</summary>
    public required string Purpose { get; init; }

    public required MessageChannel Channel { get; init; }

    /// <summary>
    /// For <see cref="MessageChannel.Slack"/>: the post. Histories from when Slack was a provider hold a provider
    /// action request here; its JSON reads as this message (same names, same kind values).
    /// </summary>
    public SlackMessage? Slack { get; init; }

    /// <summary>For <see cref="MessageChannel.Email"/>: the mail.</summary>
    public ApprovalMail? Mail { get; init; }

    public static OutgoingMessage ToSlack(string key, string purpose, SlackMessage post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new OutgoingMessage { CallId = post.CallId, Key = key, Purpose = purpose, Channel = MessageChannel.Slack, Slack = post with { MessageKey = key } };
    }
}
