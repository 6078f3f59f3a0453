using System.Globalization;
using System.Text.Json.Nodes;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>Block Kit for approvals: the Approve/Reject buttons, and the replies after a click.</summary>
public static class SlackApprovalMessages
{
    public const string ApproveActionId = "approval_approve";
    public const string RejectActionId = "approval_reject";
    public const string DecisionBlockId = "dialnexa_approval_decision";

    /// <summary>The actions block with Approve (primary) and Reject (danger, confirmed); the value is the request ID.</summary>
    public static JsonObject DecisionButtons(string requestId) => new()
    {
        ["type"] = "actions",
        ["block_id"] = DecisionBlockId,
        ["elements"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = ApproveActionId,
                ["style"] = "primary",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Approve" },
                ["value"] = requestId,
            },
            new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = RejectActionId,
                ["style"] = "danger",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Reject" },
                ["value"] = requestId,
                ["confirm"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Reject?" },
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "The change will not be written." },
                    ["confirm"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Reject" },
                    ["deny"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Cancel" },
                },
            },
        },
    };

    /// <summary>
    /// Replaces the original message: its blocks without the decision buttons, plus a line saying who decided what and
    /// when, so nobody clicks a settled request again.
    /// </summary>
    public static JsonObject Decided(JsonNode? originalMessage, string text)
    {
        var blocks = new JsonArray();
        if ((originalMessage as JsonObject)?["blocks"] is JsonArray original)
        {
            foreach (var block in original.OfType<JsonObject>())
            {
                if (TextOf(block["block_id"]) != DecisionBlockId)
                {
                    blocks.Add(block.DeepClone());
                }
            }
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
        });
        var fallback = TextOf((originalMessage as JsonObject)?["text"]) is { Length: > 0 } t ? t + " — " + text : text;
        return new JsonObject { ["replace_original"] = true, ["text"] = fallback, ["blocks"] = blocks };
    }

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A reply only the clicking user sees; the original message stays.</summary>
    public static JsonObject Private(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = false,
        ["text"] = text,
    };

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
