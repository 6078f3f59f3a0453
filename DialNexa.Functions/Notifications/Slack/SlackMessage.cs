using System.Text.Json.Serialization;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// One message for the finance channel: its text, link buttons, and for an approval request the request the
/// Approve/Reject buttons answer. Holds no card, bank or tax numbers. Its JSON is the JSON the message had as a
/// provider action request (<c>callId</c>, <c>kind</c>, <c>message</c>, <c>approvalRequestId</c>, <c>messageKey</c>,
/// <c>links</c>), so histories written before and after read into either shape.
/// </summary>
public sealed record SlackMessage
{
    public required string CallId { get; init; }

    public required SlackMessageKind Kind { get; init; }

    /// <summary>The text, in Slack mrkdwn (escape what people typed with <see cref="SlackText.Escape"/>).</summary>
    [JsonPropertyName("message")]
    public required string Text { get; init; }

    /// <summary>Link buttons, in order (at most five are shown); an approval request's first is its primary button.</summary>
    public IReadOnlyList<SlackLink> Links { get; init; } = [];

    /// <summary>For <see cref="SlackMessageKind.ApprovalRequest"/>: the request's ID, carried by the Approve/Reject buttons back to <c>/api/slack/interactions</c>.</summary>
    public string? ApprovalRequestId { get; init; }

    /// <summary>
    /// The message's key within the call ("approval-request", "decision", …): it is posted once per call and key,
    /// however often its delivery runs. Null: the key is derived from the kind and the text.
    /// </summary>
    public string? MessageKey { get; init; }
}
