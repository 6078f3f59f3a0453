using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// One call's handoff, instance ID = call ID: redact, extract, match, plan; then review, or approval, or writes;
/// then summary and alerts; last, the call's inbox is closed, and whatever arrived that the handoff never read goes to
/// late-delivery review. Only redacted data enters its history; a bounded view of the status is its custom status.
/// A step that fails for good does not fail the call: it ends in review with the reason, and Slack is told
/// (<see cref="HandoffFailSafe"/>).
/// </summary>
internal sealed class CallHandoffOrchestrator : TaskOrchestrator<CallHandoffInput, CallStatusSnapshot>
{
    /// <summary>Later deliveries for a running call (transcript or analysis ready).</summary>
    public const string DialNexaEventName = "DialNexaEvent";

    /// <summary>Finance's decision on an approval request.</summary>
    public const string FinanceApprovalEventName = "FinanceApproval";

    /// <summary>How often a call waiting for its transcript or analysis also reads its inbox.</summary>
    private static readonly TimeSpan DetailsCheck = TimeSpan.FromSeconds(30);

    /// <summary>Approval events one request may receive before it is closed as timed out.</summary>
    private const int MaxApprovalRounds = 100;

    /// <summary>Retries for the steps that only touch this app's store (redaction, extraction, planning, approval requests).</summary>
    internal static readonly TaskOptions LocalRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<CallStatusSnapshot> RunAsync(TaskOrchestrationContext context, CallHandoffInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var shown = new ShownStatus(context);
        try
        {
            return await HandOffAsync(context, input, shown);
        }
        catch (Exception ex) when (HandoffFailSafe.Catches(ex))
        {
            var status = await HandoffFailSafe.ToReviewAsync(context, shown.Current ?? new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Received }, ex, shown.Set);
            await HandoffFailSafe.TryAsync(context.CallActivityAsync<int>(nameof(CloseInboxActivity), new CloseInboxInput(input.CallId, input.BaseUrl), LocalRetry));
            return status;
        }
    }

    private static async Task<CallStatusSnapshot> HandOffAsync(TaskOrchestrationContext context, CallHandoffInput input, ShownStatus shown)
    {
        var status = shown.Set(new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Redacting });
        var seen = new HashSet<string>(StringComparer.Ordinal) { input.FirstDelivery.Hash };
        var call = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, input.FirstDelivery.Hash), LocalRetry);

        if (!call.HasContent && !string.Equals(call.Status, "hangup", StringComparison.OrdinalIgnoreCase))
        {
            status = shown.Set(status with { Stage = HandoffStage.WaitingForDetails, Suppression = call.Suppression });
            var deadline = context.CurrentUtcDateTime.Add(input.DetailsWait);
            while (!call.HasContent && context.CurrentUtcDateTime < deadline)
            {
                var left = deadline - context.CurrentUtcDateTime;
                var more = await NextDeliveryAsync(context, input.CallId, seen, left < DetailsCheck ? left : DetailsCheck);
                if (more is not null)
                {
                    call = CallMerge.Merge(call, more);
                    continue;
                }

                // No event came: read the inbox too, since DurableTask.AzureStorage discards an event that overtakes
                // the instance's start. Whatever the inbox holds that this handoff has not read is read now.
                foreach (var unread in await context.CallActivityAsync<List<InboxDelivery>>(nameof(UnreadDeliveriesActivity), input.CallId, LocalRetry))
                {
                    if (seen.Add(unread.Hash))
                    {
                        call = CallMerge.Merge(call, await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, unread.Hash), LocalRetry));
                    }
                }
            }
        }

        var links = CallLinks.For(input.BaseUrl, input.CallId, call.HasRecording);
        status = shown.Set(status with { Stage = HandoffStage.Extracting, Suppression = call.Suppression, Redactions = call.Redactions, Links = links });
        var facts = await context.CallActivityAsync<CallFacts>(nameof(ExtractFactsActivity), call, LocalRetry);

        status = shown.Set(status with { Stage = HandoffStage.Matching, Workflow = facts.Workflow, Context = facts });
        var match = await context.CallActivityAsync<CallerMatch>(nameof(MatchCallerActivity), new MatchCallerInput(facts, call.CallerPhone));

        status = shown.Set(status with { Stage = HandoffStage.Planning, Match = match });
        var plan = await context.CallActivityAsync<HandoffPlan>(nameof(PlanHandoffActivity), new PlanHandoffInput(call, facts, match, links), LocalRetry);
        status = shown.Set(status with { PlannedActions = plan.Actions, ApprovalReasons = plan.ApprovalReasons, Review = plan.ReviewReasons });

        if (plan.NeedsReview)
        {
            status = shown.Set(status with { Stage = HandoffStage.InReview });
            await context.CallActivityAsync(nameof(RouteToReviewActivity), status.Brief());
            return await FinishAsync(context, status, HandoffStage.InReview, input, shown);
        }

        if (plan.Actions.Count == 0)
        {
            return await FinishAsync(context, status, HandoffStage.NoAction, input, shown);
        }

        if (plan.NeedsApproval)
        {
            status = shown.Set(status with { Stage = HandoffStage.AwaitingApproval });
            var requestId = $"{input.CallId}:{context.NewGuid():N}";
            var request = await context.CallActivityAsync<ApprovalRequest>(nameof(RequestApprovalActivity), new RequestApprovalInput(status, input.ApprovalTimeout, requestId, input.BaseUrl), LocalRetry);
            status = shown.Set(status with { Approval = new ApprovalStatus(request, null, false) });
            status = await WaitForApprovalAsync(context, status, input.ApprovalTimeout, shown);
            if (status.Approval is { TimedOut: true })
            {
                status = shown.Set(status with
                {
                    Stage = HandoffStage.InReview,
                    Review = [.. status.Review, $"No finance decision arrived within {input.ApprovalTimeout}; nothing was written."],
                });
                await context.CallActivityAsync(nameof(RouteToReviewActivity), status.Brief());
                return await FinishAsync(context, status, HandoffStage.InReview, input, shown);
            }

            await context.CallActivityAsync(nameof(AnnounceDecisionActivity), status.Brief());
            if (status.Approval?.Decision is not { Approved: true })
            {
                return await FinishAsync(context, status, HandoffStage.Completed, input, shown);
            }
        }

        status = shown.Set(status with { Stage = HandoffStage.Writing });
        var results = await Task.WhenAll(plan.Actions.Select(action => context.CallActivityAsync<ProviderActionResult>(nameof(ExecuteProviderActionActivity), action)));
        status = shown.Set(status with { Actions = results });
        var failed = results.Where(r => r.Outcome is ProviderActionOutcome.Invalid or ProviderActionOutcome.NotConfigured or ProviderActionOutcome.Transient or ProviderActionOutcome.Conflict or ProviderActionOutcome.NotFound).ToList();
        if (failed.Count > 0)
        {
            status = status with
            {
                Review = [.. status.Review, .. failed.Select(r => $"{r.Kind} ended {r.Outcome}: {r.Message}" + (r.SettingToFix is null ? "" : $" (setting: {r.SettingToFix})"))],
            };
        }

        return await FinishAsync(context, status, failed.Count > 0 ? HandoffStage.InReview : HandoffStage.Completed, input, shown);
    }

    /// <summary>
    /// Waits for finance: every <c>FinanceApproval</c> event is counted (first decision wins, or the quorum), one
    /// reminder goes out at half time, and at the timeout the approval is marked timed out. Durable timers only.
    /// </summary>
    private static async Task<CallStatusSnapshot> WaitForApprovalAsync(TaskOrchestrationContext context, CallStatusSnapshot status, TimeSpan timeout, ShownStatus shown)
    {
        var approval = status.Approval!;
        var deadline = context.CurrentUtcDateTime.Add(timeout);
        var remindAt = context.CurrentUtcDateTime.Add(timeout / 2);
        var reminded = !approval.Request.Reminder;

        // Each round ends with an event or a timer; events come only through the approval page and Slack, so a bound
        // far above any real count of approvers only stops a runaway sender from growing the history without end.
        for (var round = 0; round < MaxApprovalRounds; round++)
        {
            var until = reminded ? deadline : remindAt;
            var left = until - context.CurrentUtcDateTime;
            FinanceApproval decision;
            try
            {
                decision = await context.WaitForExternalEvent<FinanceApproval>(FinanceApprovalEventName, left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TaskCanceledException)
            {
                if (!reminded)
                {
                    reminded = true;
                    approval = approval with { RemindedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) };
                    status = shown.Set(status with { Approval = approval });
                    await context.CallActivityAsync(nameof(RemindApprovalActivity), status.Brief());
                    continue;
                }

                return shown.Set(status with { Approval = approval with { TimedOut = true } });
            }

            approval = approval.Record(decision);
            status = shown.Set(status with { Approval = approval });
            if (approval.Decision is not null)
            {
                return status;
            }
        }

        return shown.Set(status with { Approval = approval with { TimedOut = true, Ignored = [.. approval.Ignored, $"More than {MaxApprovalRounds} approval events arrived; the request was closed."] } });
    }

    private static async Task<CallStatusSnapshot> FinishAsync(TaskOrchestrationContext context, CallStatusSnapshot status, HandoffStage finalStage, CallHandoffInput input, ShownStatus shown)
    {
        status = shown.Set(status with { Stage = HandoffStage.Summarizing });
        var summary = await context.CallActivityAsync<string>(nameof(SummarizeCallActivity), status.Brief());
        status = shown.Set(status with { Stage = HandoffStage.Notifying, Summary = summary });
        var notifications = await context.CallActivityAsync<List<string>>(nameof(NotifyActivity), status.Brief());
        status = shown.Set(status with { Stage = finalStage, Notifications = notifications });
        if (finalStage == HandoffStage.InReview)
        {
            await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
        }

        // The handoff reads no more deliveries: any that arrived and were not read go to late-delivery review.
        await context.CallActivityAsync<int>(nameof(CloseInboxActivity), new CloseInboxInput(input.CallId, input.BaseUrl), LocalRetry);
        return status;
    }

    private static async Task<RedactedCall?> NextDeliveryAsync(TaskOrchestrationContext context, string callId, HashSet<string> seen, TimeSpan wait)
    {
        // A call has at most CallInbox.MaxDeliveriesPerCall deliveries, so at most that many distinct events arrive.
        for (var read = 0; read < CallInbox.MaxDeliveriesPerCall; read++)
        {
            InboxDelivery delivery;
            try
            {
                delivery = await context.WaitForExternalEvent<InboxDelivery>(DialNexaEventName, wait);
            }
            catch (TaskCanceledException)
            {
                return null;
            }

            // A repeated delivery is redacted again too (its raw body may have been stored again), but merged once.
            var redacted = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(callId, delivery.Hash), LocalRetry);
            if (seen.Add(delivery.Hash))
            {
                return redacted;
            }
        }

        return null;
    }

    /// <summary>
    /// The status the orchestration last showed: the full snapshot is kept here (for the fail-safe and the output) and a
    /// bounded view of it is the custom status, so the custom status stays small however long the call's texts or
    /// however many its writes.
    /// </summary>
    private sealed class ShownStatus(TaskOrchestrationContext context)
    {
        public CallStatusSnapshot? Current { get; private set; }

        public CallStatusSnapshot Set(CallStatusSnapshot status)
        {
            context.SetCustomStatus(status.ForCustomStatus());
            Current = status;
            return status;
        }
    }
}
