using System.Net;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Retention;

public sealed class CallErasureTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task Erase_FinishedCallWithALateDelivery_RemovesItsInstancesAndEveryValueKeptForIt()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            var late = HandoffTestApp.TransferCompleted(DisputeCall);
            await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late));
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var lateId = LateDeliveries.InstanceIdFor(DisputeCall, Inbox.CallInbox.HashOf(late));
            await Poll.UntilAsync(async () => (await client.GetInstanceAsync(lateId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the late delivery finishing");
            Assert.NotEmpty(StoredRows.Mentioning(app.DataDirectory, DisputeCall));

            var erased = await app.Http.DeleteAsync($"/api/calls/{DisputeCall}");
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            using var body = JsonDocument.Parse(await erased.Content.ReadAsStringAsync());
            Assert.Equal(2, body.RootElement.GetProperty("purgedInstances").GetInt32());
            Assert.True(body.RootElement.GetProperty("deletedValues").GetInt32() >= 4);

            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, DisputeCall));
            Assert.Null(await client.GetInstanceAsync(DisputeCall));
            Assert.Null(await client.GetInstanceAsync(lateId));
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.DeleteAsync($"/api/calls/{DisputeCall}")).StatusCode);
        }
    }

    [Fact]
    public async Task Erase_RunningCall_IsRefusedNamingTheTerminateRoute_AndKeepsEverything()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var refused = await app.Http.DeleteAsync($"/api/calls/{DisputeCall}");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains($"/instances/{DisputeCall}/terminate", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("AwaitingApproval", (await HandoffTestApp.WaitForStageAsync(app.Http, DisputeCall, "AwaitingApproval")).GetProperty("stage").GetString());
            Assert.Contains(StoredRows.Mentioning(app.DataDirectory, DisputeCall), row => row.StartsWith("app_data:", StringComparison.Ordinal) && row.Contains("redacted-delivery", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Erase_ThenTheOldSignedBodyArrivesAgain_IsRefused410AndNothingIsRecreated()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.DeleteAsync($"/api/calls/{DisputeCall}")).StatusCode);
            var postsBefore = slack.Received.Count;

            // DialNexa signs no timestamp: the same signed body may be sent again by anyone who kept it.
            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            var again = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
            Assert.Contains("erased", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var later = HandoffTestApp.TransferCompleted(DisputeCall);
            Assert.Equal(HttpStatusCode.Gone, (await WebhookSender.PostAsync(app.Http, later, WebhookSender.Sign(later))).StatusCode);
            await Task.Delay(500);
            Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(DisputeCall));
            Assert.Equal(postsBefore, slack.Received.Count);

            // What is kept of the erased call names it nowhere, not even as a plain hash.
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, DisputeCall));
            var plainHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(DisputeCall)));
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, plainHash[..16]));

            // Other calls are still accepted.
            var other = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(DisputeCall, "call_other_one", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, other, WebhookSender.Sign(other))).StatusCode);
        }
    }

    [Fact]
    public async Task Erase_CallPar_LeavesCallParChildIntact()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            foreach (var id in new[] { "call_par", "call_par:child" })
            {
                var body = Hangup(id);
                Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
                await HandoffTestApp.WaitForCompletionAsync(app.Http, id);
            }

            Assert.Equal(HttpStatusCode.OK, (await app.Http.DeleteAsync("/api/calls/call_par")).StatusCode);

            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/calls/call_par")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/calls/call_par:child")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/calls/call_par:child/transcript")).StatusCode);
            Assert.Contains(StoredRows.Mentioning(app.DataDirectory, "call_par:child"), row => row.StartsWith("app_data:", StringComparison.Ordinal) && row.Contains("inbox-ledger", StringComparison.Ordinal));
        }
    }

    internal static byte[] Hangup(string callId) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.hangup.json")).Replace("call_0be1d77a02", callId, StringComparison.Ordinal));

    [Fact]
    public async Task Retention_ErasesFinishedCallsPastKeepFor_ButNotOnesStillOpenInReview()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(
            new() { ["DialNexa:Retention:KeepFor"] = "00:00:01", ["DialNexa:Retention:SweepInterval"] = "00:00:00.200" },
            knownEmail: "someone.else@example.com");
        await using (app)
        {
            var hangup = WebhookSender.Sample("call_ended.hangup.json");
            await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup));
            await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http);

            await Poll.UntilAsync(async () => (await app.Http.GetAsync("/api/calls/call_0be1d77a02")).StatusCode == HttpStatusCode.NotFound, "the hang-up call aging out");
            await Task.Delay(600);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode);

            // Once a person has resolved it, it ages out like any other.
            Assert.Equal(HttpStatusCode.OK, (await HandoffTestApp.ResolveReviewAsync(app.Http, DisputeCall)).StatusCode);
            await Poll.UntilAsync(async () => (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode == HttpStatusCode.NotFound, "the resolved call aging out");
        }
    }
}
