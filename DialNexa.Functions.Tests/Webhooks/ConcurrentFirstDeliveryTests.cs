using System.Net;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// The webhook starts a new call's handoff while the inbox writes the call's ledger. Two different deliveries of a new
/// call may then split the race: one opens the ledger (the ledger's first), the other's start creates the handoff (the
/// handoff's input). The ledger's first is then raised into the handoff, so it is read there instead of going to late
/// review when the handoff closes its inbox. Where both starts return (DurableTask.AzureStorage), the delivery that did
/// not open the ledger tells the handoff of both.
/// </summary>
public sealed class ConcurrentFirstDeliveryTests
{
    [Fact]
    public async Task LedgersFirst_WhoseStartLostTheRace_IsRaisedIntoTheHandoffAndMerged()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var call = HandoffTestApp.DisputeCall;
            var transfer = HandoffTestApp.TransferCompleted(call);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, transfer, WebhookSender.Sign(transfer))).StatusCode);
            await HandoffTestApp.WaitForStageAsync(app.Http, call, "WaitingForDetails");

            // The dispute as the concurrent delivery that opened the ledger but whose start was refused.
            var dispute = WebhookSender.Sample("call_ended.completed.dispute.json");
            var inbox = app.Services.GetRequiredService<CallInbox>();
            var stored = await inbox.AcceptAsync(call, "call_ended", dispute, startAlongside: null, CancellationToken.None);
            var deliveries = app.Services.GetRequiredService<HandoffDeliveries>();
            var outcome = await deliveries.DeliverAsync(call, stored with { IsFirst = true, StartedAlongside = false }, CancellationToken.None);

            Assert.Equal("raised", outcome);
            var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, call, "AwaitingApproval");
            Assert.False(waiting.TryGetProperty("lateDeliveries", out var late) && late.ValueKind == JsonValueKind.Array && late.GetArrayLength() > 0);
            var history = await app.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(call);
            var raised = Assert.Single(history.OfType<EventRaisedEvent>());
            Assert.Contains(CallInbox.HashOf(dispute), raised.Input, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LedgersFirst_ThatIsTheHandoffsInput_IsNotRaisedAgain()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var call = HandoffTestApp.DisputeCall;
            var dispute = WebhookSender.Sample("call_ended.completed.dispute.json");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, dispute, WebhookSender.Sign(dispute))).StatusCode);
            await HandoffTestApp.WaitForStageAsync(app.Http, call, "AwaitingApproval");

            // The same body as a concurrent request that opened the ledger while the other request's start won.
            var inbox = app.Services.GetRequiredService<CallInbox>();
            var stored = await inbox.AcceptAsync(call, "call_ended", dispute, startAlongside: null, CancellationToken.None);
            Assert.True(stored.IsRepeat);
            var deliveries = app.Services.GetRequiredService<HandoffDeliveries>();
            Assert.Equal("repeat", await deliveries.DeliverAsync(call, stored with { IsRepeat = false, StartedAlongside = false }, CancellationToken.None));

            await HandoffTestApp.DecideAsync(app.Http, call, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, call);
            var history = await app.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(call);
            Assert.DoesNotContain(history, e => e is EventRaisedEvent { Name: CallHandoffOrchestrator.DialNexaEventName });
        }
    }

    [Fact]
    public async Task StartThatRanBesideAnotherDeliverysLedgerWrite_TellsTheHandoffOfTheLedgersFirstToo()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            // The dispute opened the ledger; the transfer's start made the handoff, while the dispute's start returned
            // too (as DurableTask.AzureStorage lets two starts of one ID do) and told it nothing.
            var call = HandoffTestApp.DisputeCall;
            var dispute = WebhookSender.Sample("call_ended.completed.dispute.json");
            var transfer = HandoffTestApp.TransferCompleted(call);
            var inbox = app.Services.GetRequiredService<CallInbox>();
            var deliveries = app.Services.GetRequiredService<HandoffDeliveries>();
            var first = await inbox.AcceptAsync(call, "call_ended", dispute, startAlongside: null, CancellationToken.None);
            var second = await inbox.AcceptAsync(call, "transfer_completed", transfer, startAlongside: null, CancellationToken.None);
            Assert.True(first.IsFirst);
            Assert.True(await deliveries.StartAsync(call, second.Delivery, CancellationToken.None));

            Assert.Equal("started", await deliveries.DeliverAsync(call, second with { StartedAlongside = true }, CancellationToken.None));

            var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, call, "AwaitingApproval", seconds: 20);
            Assert.Equal("Dispute", waiting.GetProperty("workflow").GetString());
            var history = await app.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(call);
            Assert.Contains(history.OfType<EventRaisedEvent>(), e => e.Input.Contains(CallInbox.HashOf(dispute), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task DisputeAndTransferOfNewCalls_PostedAtOnce_TheHandoffReadsTheDispute()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await PostDisputeAndTransferAtOnceAndCheckEachHandoffReadsTheDisputeAsync(app, "call_race", 12);
        }
    }

    /// <summary>
    /// Posts a dispute and a transfer for each of <paramref name="count"/> new calls, all at once. Whichever delivery's
    /// start created a handoff, the dispute reaches it at once, as its input or raised into it (not 30 s later from the
    /// inbox), and the call is handled as a dispute. A transfer that arrives once the handoff has its details goes to
    /// late review, as it does when it comes second.
    /// </summary>
    internal static async Task PostDisputeAndTransferAtOnceAndCheckEachHandoffReadsTheDisputeAsync(TestApp app, string prefix, int count)
    {
        var template = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"));
        var calls = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D2}").ToList();
        var disputes = calls.Select(call => Encoding.UTF8.GetBytes(template.Replace(HandoffTestApp.DisputeCall, call, StringComparison.Ordinal))).ToList();
        var bodies = disputes.Concat(calls.Select(HandoffTestApp.TransferCompleted)).ToList();
        var answers = await Task.WhenAll(bodies.Select(body => WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        var client = app.Services.GetRequiredService<DurableTaskClient>();
        for (var i = 0; i < calls.Count; i++)
        {
            var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, calls[i], "AwaitingApproval", seconds: 20);
            Assert.Equal("Dispute", waiting.GetProperty("workflow").GetString());
            var history = await client.GetOrchestrationHistoryAsync(calls[i]);
            var read = string.Concat(history.OfType<ExecutionStartedEvent>().Select(e => e.Input).Concat(history.OfType<EventRaisedEvent>().Select(e => e.Input)));
            Assert.Contains(CallInbox.HashOf(disputes[i]), read, StringComparison.Ordinal);
        }
    }
}
