using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// New calls start on revision 1 (the decision notice and alerts composed in the orchestration, the approval request
/// posted by its own activity, the decision notice delivered alongside the writes); a call that started before, with no revision in its input, keeps running the activities
/// its history holds, and both end the same way.
/// </summary>
public sealed class HandoffRevisionTests
{
    private const string CallId = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task ANewCall_ComposesTheDecisionNoticeAndAlertsInTheOrchestration_AndDeliversBoth()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, CallId, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);

            var scheduled = await ScheduledActivitiesAsync(app);
            Assert.DoesNotContain(nameof(AnnounceDecisionActivity), scheduled);
            Assert.DoesNotContain(nameof(NotifyActivity), scheduled);
            Assert.Contains(nameof(SummarizeCallActivity), scheduled);

            // The approval request was posted by its own activity: only the notice and the alert needed a delivery.
            Assert.Equal(2, scheduled.Count(n => n == nameof(DeliverMessageActivity)));

            // The write was scheduled with the notice's delivery, not after it came back.
            Assert.True(await NoticeScheduledWithTheWriteAsync(app));
            AssertNoticeAndAlertDelivered(done, slack);
        }
    }

    [Fact]
    public async Task ACallStartedBeforeRevisions_RunsTheNoticeAndAlertActivities_AndEndsTheSameWay()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            // Stored as the webhook stores it, then started with the input of before (no revision).
            var accepted = await app.Services.GetRequiredService<CallInbox>().AcceptAsync(CallId, "call_ended", WebhookSender.Sample("call_ended.completed.dispute.json"), CancellationToken.None);
            var handoff = app.Services.GetRequiredService<IOptions<HandoffOptions>>().Value;
            var input = new CallHandoffInput(CallId, accepted.Delivery, app.BaseAddress.ToString().TrimEnd('/'), handoff.DetailsWait, handoff.ApprovalTimeout, handoff.Retries());
            Assert.False(input.ComposesNoticesInline);
            await app.Services.GetRequiredService<IDurableClientSource>().Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallHandoffOrchestrator), input, new StartOrchestrationOptions(CallId));
            await HandoffTestApp.WaitForStageAsync(app.Http, CallId, "AwaitingApproval");
            await HandoffTestApp.DecideAsync(app.Http, CallId, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);

            var scheduled = await ScheduledActivitiesAsync(app);
            Assert.Contains(nameof(AnnounceDecisionActivity), scheduled);
            Assert.Contains(nameof(NotifyActivity), scheduled);
            Assert.Equal(3, scheduled.Count(n => n == nameof(DeliverMessageActivity)));
            Assert.False(await NoticeScheduledWithTheWriteAsync(app));
            AssertNoticeAndAlertDelivered(done, slack);
        }
    }

    private static void AssertNoticeAndAlertDelivered(JsonElement done, RecordingSlackPoster slack)
    {
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var messages = done.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("key").GetString(), m.GetProperty("state").GetString(), m.GetProperty("attempts").GetInt32())).ToList();
        Assert.Contains(("approval-request", "DryRun", 1), messages);
        Assert.Contains(("decision", "DryRun", 1), messages);
        Assert.Contains(("alert:Duplicate-charge", "DryRun", 1), messages);
        Assert.Contains(done.GetProperty("notifications").EnumerateArray(), n => n.GetString()!.StartsWith("Slack Duplicate charge", StringComparison.Ordinal));
        var posted = slack.Received.Select(m => m.Text).ToList();
        Assert.Contains(posted, t => t.Contains("approved by finance.lead@example.com", StringComparison.Ordinal));
        Assert.Single(slack.Received, m => m.Kind == DialNexa.Functions.Notifications.Slack.SlackMessageKind.ApprovalRequest);
        Assert.Contains(posted, t => t.StartsWith("Duplicate charge: call " + CallId, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the decision notice's delivery (the last delivery scheduled before the write) was scheduled in the same
    /// episode as the provider write, with no episode start between them.
    /// </summary>
    private static async Task<bool> NoticeScheduledWithTheWriteAsync(TestApp app)
    {
        var history = (await app.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(CallId)).ToList();
        var write = history.FindIndex(e => e is TaskScheduledEvent { Name: nameof(ExecuteProviderActionActivity) });
        var notice = history.FindLastIndex(write, e => e is TaskScheduledEvent { Name: nameof(DeliverMessageActivity) });
        Assert.True(notice >= 0 && write > notice);
        return !history.Skip(notice).Take(write - notice).Any(e => e is OrchestratorStartedEvent);
    }

    /// <summary>The activities the call's history ran (the management API merges each schedule into its completion, as Durable Functions does).</summary>
    private static async Task<List<string>> ScheduledActivitiesAsync(TestApp app)
    {
        using var history = JsonDocument.Parse(await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{CallId}?showHistory=true"));
        return [.. history.RootElement.GetProperty("historyEvents").EnumerateArray()
            .Where(e => e.TryGetProperty("FunctionName", out _))
            .Select(e => e.GetProperty("FunctionName").GetString()!)];
    }
}
