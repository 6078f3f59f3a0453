using System.Net;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Handoff;

public sealed class CallHandoffTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task Dispute_WaitsForApproval_ThenWritesOnceAndAlerts()
    {
        var (app, paystack, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var waiting = await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            Assert.Equal("Dispute", waiting.GetProperty("workflow").GetString());
            var reasons = string.Join(" ", waiting.GetProperty("approvalReasons").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains("Dispute calls always need finance approval", reasons, StringComparison.Ordinal);
            Assert.Contains("249.00 USD", reasons, StringComparison.Ordinal);
            Assert.Empty(paystack.Writes);

            Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true)).StatusCode);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
            Assert.Equal("Written", action.GetProperty("outcome").GetString());
            Assert.Equal(1, paystack.Writes[$"{DisputeCall}:PaystackCreateCustomer"]);
            Assert.Equal("finance.lead@example.com", done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());
            Assert.Contains(done.GetProperty("notifications").EnumerateArray(), n => n.GetString()!.StartsWith("Slack Duplicate charge", StringComparison.Ordinal));
            Assert.Contains("approved by finance.lead@example.com", done.GetProperty("summary").GetString(), StringComparison.Ordinal);
            var paystackMatch = done.GetProperty("match").GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == "Paystack");
            Assert.Equal("cus_1", paystackMatch.GetProperty("customerId").GetString());
            Assert.Contains(done.GetProperty("match").GetProperty("providers").EnumerateArray(), p => p.GetProperty("status").GetString() == "NotConfigured");
            Assert.NotEmpty(slack.Writes);
        }
    }

    [Fact]
    public async Task Dispute_Rejected_WritesNothing()
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: false);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.False(done.GetProperty("approval").GetProperty("decision").GetProperty("approved").GetBoolean());
            Assert.Empty(done.GetProperty("actions").EnumerateArray());
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Approval_NoDecisionBeforeTimeout_EscalatesToReviewAndWritesNothing()
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync(new() { ["DialNexa:Handoff:ApprovalTimeout"] = "00:00:01" });
        await using (app)
        {
            var done = await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http);
            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.True(done.GetProperty("approval").GetProperty("timedOut").GetBoolean());
            Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains("No finance decision", StringComparison.Ordinal));
            Assert.Empty(paystack.Writes);
            Assert.Equal(HttpStatusCode.Gone, (await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownCaller_LiveWrite_GoesToReviewQueueInsteadOfWriting()
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            var done = await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http);
            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains("only 0% confidence, below the 80% needed", StringComparison.Ordinal));
            Assert.Empty(paystack.Writes);
            var queue = await app.Http.GetStringAsync("/api/review");
            Assert.Contains(DisputeCall, queue, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HangupCall_PlansNothing()
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var body = WebhookSender.Sample("call_ended.hangup.json");
            await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_0be1d77a02");
            Assert.Equal("NoAction", done.GetProperty("stage").GetString());
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task DuplicateDeliveries_OneInstance_OneEffectPerAction()
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))));
            await HandoffTestApp.WaitForStageAsync(app.Http, DisputeCall, "AwaitingApproval");
            await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.Equal(1, Assert.Single(paystack.Writes).Value);
        }
    }

    [Fact]
    public async Task LaterDelivery_ForRunningCall_IsRaisedIntoItAndMerged()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var transfer = HandoffTestApp.TransferCompleted(DisputeCall);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, transfer, WebhookSender.Sign(transfer))).StatusCode);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var history = await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{DisputeCall}?showHistory=true");
            Assert.Contains("DialNexaEvent", history, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LaterDelivery_AfterTheHandoffEnded_GoesToReviewOnceRedactedAndWritesNothing()
    {
        const string hangupCall = "call_0be1d77a02";
        var (app, paystack, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var hangup = WebhookSender.Sample("call_ended.hangup.json");
            await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup));
            await HandoffTestApp.WaitForCompletionAsync(app.Http, hangupCall);

            // The call's full record (a dispute, with a card number read aloud) comes after the hangup's handoff ended.
            var text = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json")).Replace(DisputeCall, hangupCall, StringComparison.Ordinal);
            var late = Encoding.UTF8.GetBytes(text);
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late))));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

            var alert = await Poll.UntilAsync(() => Task.FromResult(slack.Received.FirstOrDefault(r => r.Text.Contains($"Call {hangupCall}", StringComparison.Ordinal) && r.Text.Contains("needs review", StringComparison.Ordinal))), "a review alert for the late delivery");
            Assert.Contains("the call's handoff never read", alert.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("four two four two", alert.Text, StringComparison.Ordinal);
            using var review = JsonDocument.Parse(await app.Http.GetStringAsync("/api/review"));
            var entry = Assert.Single(review.RootElement.GetProperty("calls").EnumerateArray(), c => c.GetProperty("callId").GetString() == hangupCall);
            Assert.StartsWith(hangupCall + ":late:", entry.GetProperty("lateDelivery").GetString(), StringComparison.Ordinal);
            Assert.Equal("Dispute", entry.GetProperty("workflow").GetString());

            // A repeat after all that starts nothing new; the call's own handoff is left as it ended.
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late))).StatusCode);
            var instances = await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances?instanceIdPrefix={hangupCall}:late:&showInput=true");
            Assert.Single(JsonDocument.Parse(instances).RootElement.EnumerateArray());
            Assert.DoesNotContain("four two four two", instances, StringComparison.Ordinal);
            Assert.Single(slack.Received, r => r.Text.Contains("the call's handoff never read", StringComparison.Ordinal));
            var call = await HandoffTestApp.WaitForCompletionAsync(app.Http, hangupCall);
            Assert.Equal("NoAction", call.GetProperty("stage").GetString());
            var noted = Assert.Single(call.GetProperty("lateDeliveries").EnumerateArray());
            Assert.Equal(entry.GetProperty("lateDelivery").GetString(), noted.GetProperty("instanceId").GetString());
            Assert.False(noted.GetProperty("resolved").GetBoolean());
            var lateId = noted.GetProperty("instanceId").GetString();
            Assert.Equal(HttpStatusCode.OK, (await HandoffTestApp.ResolveReviewAsync(app.Http, lateId!)).StatusCode);
            var resolved = await HandoffTestApp.WaitForCompletionAsync(app.Http, hangupCall);
            Assert.True(Assert.Single(resolved.GetProperty("lateDeliveries").EnumerateArray()).GetProperty("resolved").GetBoolean());
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task LaterDelivery_AcceptedWhileTheCallWasSuspended_ThenTheCallIsTerminated_StillGoesToReview()
    {
        // The inbox sweep finds the terminated call's open inbox (every 5 minutes by default; here at once).
        var (app, paystack, slack) = await HandoffTestApp.StartAsync(new() { ["DialNexa:Handoff:InboxSweepInterval"] = "00:00:00.300" });
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"/runtime/webhooks/durabletask/instances/{DisputeCall}/suspend", null)).StatusCode);
            await HandoffTestApp.WaitForRuntimeStatusAsync(app.Http, DisputeCall, "Suspended");

            // Accepted into the suspended call, which an operator then terminates: the handoff never reads it.
            var transfer = HandoffTestApp.TransferCompleted(DisputeCall);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, transfer, WebhookSender.Sign(transfer))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"/runtime/webhooks/durabletask/instances/{DisputeCall}/terminate?reason=duplicate", null)).StatusCode);
            await HandoffTestApp.WaitForRuntimeStatusAsync(app.Http, DisputeCall, "Terminated");

            var alert = await Poll.UntilAsync(() => Task.FromResult(slack.Received.FirstOrDefault(r => r.Text.Contains("the call's handoff never read", StringComparison.Ordinal))), "a review alert for the unread delivery");
            Assert.Contains("A transfer_completed delivery", alert.Text, StringComparison.Ordinal);
            Assert.Contains(alert.Links, l => l.Url.EndsWith($"/api/calls/{DisputeCall}", StringComparison.Ordinal));
            // The alert goes out just before the queue entry is written.
            using var review = await Poll.UntilAsync(async () => JsonDocument.Parse(await app.Http.GetStringAsync("/api/review")) is var listed && listed.RootElement.GetProperty("count").GetInt32() > 0 ? listed : null, "the late delivery's review entry");
            var entry = Assert.Single(review.RootElement.GetProperty("calls").EnumerateArray(), c => c.TryGetProperty("lateDelivery", out _));
            Assert.Equal(DisputeCall, entry.GetProperty("callId").GetString());
            Assert.Empty(paystack.Writes);
        }
    }
}
