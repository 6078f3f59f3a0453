using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// The whole app over real HTTP on loopback, with its real redaction and extraction and dry-run providers: every
/// transcript shape DialNexa documents, the legacy scheme, and a finance decision that arrives before the call asks.
/// </summary>
public sealed class FixtureShapesOverHttpTests
{
    // The approver HandoffTestApp.DecideAsync decides as: only configured approvers' decisions count.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
        ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
    };

    [Theory]
    [InlineData("json-string")]
    [InlineData("array")]
    [InlineData("agent-user-text")]
    public async Task CallEnded_EachTranscriptShape_IsRedactedExtractedAndPlannedEndToEnd(string shape)
    {
        await using var app = await TestApp.StartAsync(Settings);
        var callId = "call_shape_" + shape.Replace('-', '_');
        var body = DisputeWithTranscript(callId, shape);
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);

        var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, callId, "AwaitingApproval");
        Assert.Equal("Dispute", waiting.GetProperty("workflow").GetString());
        Assert.True(waiting.GetProperty("suppression").GetProperty("cardNumber").GetBoolean(), $"The spoken card number was not found in the {shape} transcript.");
        var transcript = await app.Http.GetStringAsync($"/api/calls/{callId}/transcript");
        Assert.Contains("Northwind billing", transcript, StringComparison.Ordinal);
        Assert.Contains("charged twice", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("four two four two", transcript, StringComparison.Ordinal);

        await HandoffTestApp.DecideAsync(app.Http, callId, approved: true);
        var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, callId);
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal("DryRun", action.GetProperty("outcome").GetString());
        Assert.Contains("dana.whitfield@example.com", action.GetProperty("request").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("four two four two", done.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyAnalysisReady_StartsTheSessionsHandoffPlansItAndCompletesAfterApproval()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("legacy.call.analysis_ready.json");
        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("sess_9f8e7d6c", callId);
        var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, callId, "AwaitingApproval");
        Assert.Equal("InvoiceResend", waiting.GetProperty("workflow").GetString());
        Assert.Equal("INV-20931", waiting.GetProperty("context").GetProperty("fields").GetProperty("invoiceNumber").GetProperty("value").GetString());
        await HandoffTestApp.DecideAsync(app.Http, callId, approved: true);
        var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, callId);
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal("PaystackSendPaymentRequestNotification", action.GetProperty("kind").GetString());
        Assert.Equal("DryRun", action.GetProperty("outcome").GetString());
        Assert.Contains("/paymentrequest/notify/", action.GetProperty("request").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinanceApproval_ArrivingBeforeTheCallWaitsForIt_IsNotLost()
    {
        await using var app = await TestApp.StartAsync(Settings);
        const string callId = "call_early_approval";
        var body = DisputeWithTranscript(callId, "json-string");
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);

        // Raised at once, while the call is still being redacted: the instance keeps it until its wait begins.
        Assert.True((await HandoffTestApp.DecideAsync(app.Http, callId, approved: true)).IsSuccessStatusCode);
        var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, callId);
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var approval = done.GetProperty("approval");
        Assert.True(approval.GetProperty("decision").GetProperty("approved").GetBoolean());
        Assert.False(approval.GetProperty("timedOut").GetBoolean());
        Assert.Single(done.GetProperty("actions").EnumerateArray());
    }

    /// <summary>The dispute fixture with its transcript in one of the three documented shapes.</summary>
    private static byte[] DisputeWithTranscript(string callId, string shape)
    {
        var fixture = JsonNode.Parse(WebhookSender.Sample("call_ended.completed.dispute.json"))!;
        var call = fixture["payload"]!["call"]!;
        call["id"] = callId;
        var turns = JsonNode.Parse(call["transcript"]!.GetValue<string>())!.AsArray();
        call["transcript"] = shape switch
        {
            "json-string" => turns.ToJsonString(),
            "array" => turns.DeepClone(),
            _ => string.Join("\n", turns.Select(t => (t!["role"]!.GetValue<string>() == "assistant" ? "Agent: " : "User: ") + t["content"]!.GetValue<string>())),
        };
        return Encoding.UTF8.GetBytes(fixture.ToJsonString());
    }
}
