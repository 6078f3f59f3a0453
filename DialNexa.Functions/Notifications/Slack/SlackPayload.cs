using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// The Block Kit body of a message: the text as fallback, a section, one link button per link (an approval request's
/// first link is its primary button), and an approval request's Approve/Reject buttons.
/// </summary>
internal static class SlackPayload
{
    public static JsonObject Of(SlackMessage message)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(message.Text, 2900) },
            },
        };
        if (message.Links.Count > 0)
        {
            var elements = new JsonArray();
            foreach (var (link, index) in message.Links.Take(5).Select((l, i) => (l, i)))
            {
                var button = new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = $"link_{index}",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(link.Label, 75) },
                    ["url"] = link.Url,
                };
                if (message.Kind == SlackMessageKind.ApprovalRequest && index == 0)
                {
                    button["style"] = "primary";
                }

                elements.Add(button);
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "dialnexa_" + StableToken($"{message.CallId}:{KindName(message.Kind)}"), ["elements"] = elements });
        }

        if (message.Kind == SlackMessageKind.ApprovalRequest && message.ApprovalRequestId is { } requestId)
        {
            blocks.Add(SlackApprovalMessages.DecisionButtons(requestId));
        }

        return new JsonObject { ["text"] = Truncate(message.Text, 3000), ["blocks"] = blocks };
    }

    /// <summary>The kind as messages were always named in keys and block IDs ("SlackAlert", "SlackApprovalRequest").</summary>
    public static string KindName(SlackMessageKind kind) => kind == SlackMessageKind.Alert ? "SlackAlert" : "SlackApprovalRequest";

    /// <summary>A short stable token of a key (16 hex characters of its SHA-256).</summary>
    public static string StableToken(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
