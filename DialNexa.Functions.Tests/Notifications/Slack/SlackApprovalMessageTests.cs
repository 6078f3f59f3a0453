using System.Text.Json.Nodes;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Tests.Providers;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Notifications.Slack;

public sealed class SlackApprovalMessageTests
{
    [Fact]
    public async Task ApprovalRequest_Live_PostsLinkButtonsThenApproveAndRejectButtons()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (channel, _, _) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T0/B0/secret"));
        Assert.Equal(SlackPostOutcome.Posted, (await channel.PostAsync(SlackTestChannel.ApprovalRequest("call_1:req"), CancellationToken.None)).Outcome);

        var blocks = JsonNode.Parse(Assert.Single(api.Requests).Body)!["blocks"]!.AsArray();
        Assert.Equal(3, blocks.Count);
        var links = blocks[1]!["elements"]!.AsArray();
        Assert.All(links, l => Assert.StartsWith("https://app.example/", l!["url"]!.GetValue<string>(), StringComparison.Ordinal));
        var decide = blocks[2]!;
        Assert.Equal(SlackApprovalMessages.DecisionBlockId, decide["block_id"]!.GetValue<string>());
        var buttons = decide["elements"]!.AsArray();
        Assert.Equal([SlackApprovalMessages.ApproveActionId, SlackApprovalMessages.RejectActionId], buttons.Select(b => b!["action_id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("call_1:req", b!["value"]!.GetValue<string>()));
        Assert.Equal("primary", buttons[0]!["style"]!.GetValue<string>());
        Assert.Equal("danger", buttons[1]!["style"]!.GetValue<string>());
        Assert.NotNull(buttons[1]!["confirm"]);
    }

    [Fact]
    public void Decided_ReplacesTheMessageWithoutItsButtonsAndSaysWhoDecided()
    {
        var original = new JsonObject
        {
            ["text"] = "Approval needed",
            ["blocks"] = new JsonArray { new JsonObject { ["type"] = "section" }, SlackApprovalMessages.DecisionButtons("call_1:req") },
        };
        var update = SlackApprovalMessages.Decided(original, "Approved by Alice at 2026-03-05 16:00 UTC.");
        Assert.True(update["replace_original"]!.GetValue<bool>());
        var blocks = update["blocks"]!.AsArray();
        Assert.Equal(["section", "context"], blocks.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("Approval needed — Approved by Alice at 2026-03-05 16:00 UTC.", update["text"]!.GetValue<string>());
    }
}
