using System.Net;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// A new call's handoff is started while its inbox ledger is written, so the start can succeed where the inbox write
/// fails, or where the call is erased meanwhile. Neither leaves a handoff that cannot read its call.
/// </summary>
public sealed class StartBesideInboxTests
{
    private const string Call = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task InboxWriteFails_WhileTheStartSucceeds_Is503_AndTheRetriedDeliveryIsReadByThatHandoff()
    {
        Func<SwitchableAppDataStore>? store = null;
        var (app, _, _) = await HandoffTestApp.StartAsync(configure: builder => store = SwitchableAppDataStore.Install(builder));
        await using (app)
        {
            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            store!().WritesFail = true;
            var refused = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var started = await client.GetInstanceAsync(Call);
            Assert.NotNull(started);

            // DialNexa sends it again once the store is back: the handoff that started reads it on its retry.
            store().WritesFail = false;
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
            var waiting = await HandoffTestApp.WaitForStageAsync(app.Http, Call, "AwaitingApproval");
            Assert.Equal("Dispute", waiting.GetProperty("workflow").GetString());
            Assert.Equal(started.CreatedAt, (await client.GetInstanceAsync(Call))!.CreatedAt);
            await HandoffTestApp.DecideAsync(app.Http, Call, approved: true);
            Assert.Equal("Completed", (await HandoffTestApp.WaitForCompletionAsync(app.Http, Call)).GetProperty("stage").GetString());
        }
    }

    [Fact]
    public async Task FirstBodyCommitSlowerThanTheHandoffsStart_RedactWaitsForIt_AndNoAttemptFails()
    {
        Func<SwitchableAppDataStore>? store = null;
        var (app, _, _) = await HandoffTestApp.StartAsync(configure: builder => store = SwitchableAppDataStore.Install(builder));
        await using (app)
        {
            var ledger = AppDataKey.ForCall(AppDataKinds.InboxLedger, Call, Inbox.CallInbox.LedgerItem);
            store!().BeforeAdd = key => key == ledger ? Task.Delay(TimeSpan.FromSeconds(1.5)) : Task.CompletedTask;

            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);

            await HandoffTestApp.WaitForStageAsync(app.Http, Call, "AwaitingApproval");
            var history = await app.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(Call);
            Assert.DoesNotContain(history, e => e is TaskFailedEvent);
        }
    }

    [Fact]
    public async Task CallErasedWhileItsFirstDeliveryIsStored_Is410_AndTheHandoffStartedBesideItIsGone()
    {
        Func<SwitchableAppDataStore>? store = null;
        var (app, _, slack) = await HandoffTestApp.StartAsync(configure: builder => store = SwitchableAppDataStore.Install(builder));
        await using (app)
        {
            var erasedCalls = app.Services.GetRequiredService<ErasedCalls>();
            var ledger = AppDataKey.ForCall(AppDataKinds.InboxLedger, Call, Inbox.CallInbox.LedgerItem);
            store!().BeforeAdd = key => key == ledger ? erasedCalls.RememberAsync(Call, CancellationToken.None) : Task.CompletedTask;

            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            var answer = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

            Assert.Equal(HttpStatusCode.Gone, answer.StatusCode);
            Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(Call));
            Assert.Null(await app.Services.GetRequiredService<IAppDataStore>().GetAsync(ledger, CancellationToken.None));
            Assert.Empty(slack.Received);
        }
    }
}
