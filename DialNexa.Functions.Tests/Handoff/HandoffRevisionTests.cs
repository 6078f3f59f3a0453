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
/// New calls start on revision 2: the call read, matched and planned in one activity, the summary composed in the
/// orchestration and the call listed alongside the last deliveries; with revision 1's changes (the decision notice and
/// alerts composed in the orchestration, the approval request posted by its own activity, the decision notice delivered
/// alongside the writes). A call that started on an earlier revision keeps running the activities its history holds,
/// and every revision ends the same way.
/// </summary>
public sealed class HandoffRevisionTests
{
    private const string CallId = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task ANewCall_AssessesInOneStep_ComposesTheSummaryNoticeAndAlerts_AndDeliversThem()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, CallId, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);

            var scheduled = await ScheduledActivitiesAsync(app);
            Assert.Single(scheduled, nameof(AssessCallActivity));
            Assert.DoesNotContain(nameof(ExtractFactsActivity), scheduled);
            Assert.DoesNotContain(nameof(MatchCallerActivity), scheduled);
            Assert.DoesNotContain(nameof(PlanHandoffActivity), scheduled);
            Assert.DoesNotContain(nameof(SummarizeCallActivity), scheduled);
            Assert.DoesNotContain(nameof(AnnounceDecisionActivity), scheduled);
            Assert.DoesNotContain(nameof(NotifyActivity), scheduled);
            Assert.Single(scheduled, nameof(RecordCallActivity));

            // The approval request was posted by its own activity: only the notice and the alert needed a delivery.
            Assert.Equal(2, scheduled.Count(n => n == nameof(DeliverMessageActivity)));

            // The write was scheduled with the notice's delivery, not after it came back.
            Assert.True(await NoticeScheduledWithTheWriteAsync(app));
            AssertNoticeAndAlertDelivered(done, slack);
            await AssertAssessedAndListedAsync(app, done);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task ACallStartedOnAnEarlierRevision_RunsTheActivitiesOfItsRevision_AndEndsTheSameWay(int? revision)
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            // Stored as the webhook stores it, then started with the input of that revision (none before revisions).
            var accepted = await app.Services.GetRequiredService<CallInbox>().AcceptAsync(CallId, "call_ended", WebhookSender.Sample("call_ended.completed.dispute.json"), startAlongside: null, CancellationToken.None);
            var handoff = app.Services.GetRequiredService<IOptions<HandoffOptions>>().Value;
            var input = new CallHandoffInput(CallId, accepted.Delivery, app.BaseAddress.ToString().TrimEnd('/'), handoff.DetailsWait, handoff.ApprovalTimeout, handoff.Retries(), revision);
            Assert.False(input.AssessesInOneStep);
            Assert.False(input.SummarizesInline);
            await app.Services.GetRequiredService<IDurableClientSource>().Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallHandoffOrchestrator), input, new StartOrchestrationOptions(CallId));
            await HandoffTestApp.WaitForStageAsync(app.Http, CallId, "AwaitingApproval");
            await HandoffTestApp.DecideAsync(app.Http, CallId, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);

            var scheduled = await ScheduledActivitiesAsync(app);
            Assert.Equal([nameof(CallHandoffOrchestrator), nameof(RedactCallActivity), nameof(ExtractFactsActivity), nameof(MatchCallerActivity), nameof(PlanHandoffActivity)], scheduled.Take(5));
            Assert.DoesNotContain(nameof(AssessCallActivity), scheduled);
            Assert.Contains(nameof(SummarizeCallActivity), scheduled);
            Assert.DoesNotContain(nameof(RecordCallActivity), scheduled);
            Assert.Equal(revision is null, scheduled.Contains(nameof(AnnounceDecisionActivity)));
            Assert.Equal(revision is null, scheduled.Contains(nameof(NotifyActivity)));
            Assert.Equal(revision is null ? 3 : 2, scheduled.Count(n => n == nameof(DeliverMessageActivity)));
            Assert.Equal(revision is not null, await NoticeScheduledWithTheWriteAsync(app));
            AssertNoticeAndAlertDelivered(done, slack);
            await AssertAssessedAndListedAsync(app, done);
        }
    }

    /// <summary>What every revision shows in the end: the call read, matched and planned, its summary, and its line in the console's list.</summary>
    private static async Task AssertAssessedAndListedAsync(TestApp app, JsonElement done)
    {
        Assert.Equal("Dispute", done.GetProperty("workflow").GetString());
        Assert.True(done.GetProperty("match").GetProperty("confidence").GetDouble() >= 0);
        Assert.NotEmpty(done.GetProperty("plannedActions").EnumerateArray());
        Assert.StartsWith("Call " + CallId + ": Dispute", done.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var listed = await app.Services.GetRequiredService<Functions.OperationsConsole.CallList>().ReadAsync(CallId, CancellationToken.None);
        Assert.NotNull(listed);
        Assert.Equal(HandoffStage.Completed, listed.Stage);
        Assert.Equal(HandoffWorkflow.Dispute, listed.Workflow);
        Assert.Equal(done.GetProperty("match").GetProperty("confidence").GetDouble(), listed.MatchConfidence);
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
