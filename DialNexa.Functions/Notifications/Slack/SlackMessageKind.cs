using System.Text.Json.Serialization;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// What a Slack message is. Written as the names the messages had as provider actions (<c>SlackAlert</c>,
/// <c>SlackApprovalRequest</c>), so messages in orchestration histories from before read back unchanged.
/// </summary>
public enum SlackMessageKind
{
    [JsonStringEnumMemberName("SlackAlert")]
    Alert,

    /// <summary>Asks finance to decide: link buttons to the approval pages and Approve/Reject buttons.</summary>
    [JsonStringEnumMemberName("SlackApprovalRequest")]
    ApprovalRequest,
}
