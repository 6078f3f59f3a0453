using System.Net;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// A delivery that opens a new inbox starts its handoff without reading the instance first. When the hub still keeps an
/// ended handoff of that call ID (the app data restored from an older copy, say), the start is refused and the delivery
/// is routed as one for an ended handoff: the instance is kept as it was and the delivery goes to late review.
/// </summary>
public sealed class LostInboxDeliveryTests
{
    [Fact]
    public async Task Delivery_WhoseInboxIsGoneButWhoseHandoffEnded_KeepsTheHandoffAndGoesToLateReview()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var call = HandoffTestApp.DisputeCall;
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, call, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, call);
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var ended = await client.GetInstanceAsync(call);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, ended?.RuntimeStatus);

            var store = app.Services.GetRequiredService<IAppDataStore>();
            Assert.True(await store.DeleteAsync(AppDataKey.ForCall(AppDataKinds.InboxLedger, call, CallInbox.LedgerItem), CancellationToken.None));

            var late = HandoffTestApp.TransferCompleted(call);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late))).StatusCode);

            var lateId = LateDeliveries.InstanceIdFor(call, CallInbox.HashOf(late));
            await Poll.UntilAsync(async () => (await client.GetInstanceAsync(lateId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the late delivery's review finishing");
            var kept = await client.GetInstanceAsync(call);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, kept?.RuntimeStatus);
            Assert.Equal(ended!.CreatedAt, kept!.CreatedAt);
            Assert.Equal(ended.LastUpdatedAt, kept.LastUpdatedAt);
            Assert.True((await store.GetJsonAsync<InboxLedger>(AppDataKey.ForCall(AppDataKinds.InboxLedger, call, CallInbox.LedgerItem), CancellationToken.None))?.IsClosed, "the reopened inbox is closed again");
        }
    }
}
