using DialNexa.Durable;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// One call's handoff, instance ID = call ID: redact, extract, match, plan; then review, or approval, or writes;
/// then summary and alerts. Only redacted data enters its history; the stage is its custom status.
/// </summary>
internal sealed class CallHandoffOrchestrator : TaskOrchestrator<CallHandoffInput, CallStatusSnapshot>
{
    /// <summary>Later deliveries for a running call (transcript or analysis ready).</summary>
    public const string DialNexaEventName = "DialNexaEvent";

    /// <summary>Finance's decision on an approval request.</summary>
    public const string FinanceApprovalEventName = "FinanceApproval";

    /// <summary>Retries for the steps that only touch this app's store (redaction, extraction, planning, approval requests).</summary>
    internal static readonly TaskOptions LocalRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<CallStatusSnapshot> RunAsync(TaskOrchestrationContext context, CallHandoffInput input)
    {
        var status = new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Redacting };
        context.SetCustomStatus(status);
        var seen = new HashSet<string>(StringComparer.Ordinal) { input.FirstEvent.InboxKey };
        var call = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, input.FirstEvent.InboxKey), LocalRetry);

        if (!call.HasContent && !string.Equals(call.Status, "hangup", StringComparison.OrdinalIgnoreCase))
        {
            status = Update(context, status with { Stage = HandoffStage.WaitingForDetails, Suppression = call.Suppression });
            var deadline = context.CurrentUtcDateTime.Add(input.DetailsWait);
            while (!call.HasContent && context.CurrentUtcDateTime < deadline)
            {
                var more = await NextDeliveryAsync(context, input.CallId, seen, deadline - context.CurrentUtcDateTime);
                if (more is null)
                {
                    break;
                }

                call = CallMerge.Merge(call, more);
            }
        }

        var links = CallLinks.For(input.BaseUrl, input.CallId, call.HasRecording);
        status = Update(context, status with { Stage = HandoffStage.Extracting, Suppression = call.Suppression, Redactions = call.Redactions, Links = links });
        var facts = await context.CallActivityAsync<CallFacts>(nameof(ExtractFactsActivity), call, LocalRetry);

        status = Update(context, status with { Stage = HandoffStage.Matching, Workflow = facts.Workflow, Context = facts });
        var match = await context.CallActivityAsync<CallerMatch>(nameof(MatchCallerActivity), new MatchCallerInput(facts, call.CallerPhone));

        status = Update(context, status with { Stage = HandoffStage.Planning, Match = match });
        var plan = await context.CallActivityAsync<HandoffPlan>(nameof(PlanHandoffActivity), new PlanHandoffInput(call, facts, match, links), LocalRetry);
        status = status with { PlannedActions = plan.Actions, ApprovalReasons = plan.ApprovalReasons, Review = plan.ReviewReasons };

        if (plan.NeedsReview)
        {
            status = Update(context, status with { Stage = HandoffStage.InReview });
            await context.CallActivityAsync(nameof(RouteToReviewActivity), status.Brief());
            return await FinishAsync(context, status, HandoffStage.InReview, input.CallId, seen);
        }

        if (plan.Actions.Count == 0)
        {
            return await FinishAsync(context, status, HandoffStage.NoAction, input.CallId, seen);
        }

        if (plan.NeedsApproval)
        {
            status = Update(context, status with { Stage = HandoffStage.AwaitingApproval });
            var requestId = $"{input.CallId}:{context.NewGuid():N}";
            var request = await context.CallActivityAsync<ApprovalRequest>(nameof(RequestApprovalActivity), new RequestApprovalInput(status, input.ApprovalTimeout, requestId, input.BaseUrl), LocalRetry);
            status = Update(context, status with { Approval = new ApprovalStatus(request, null, false) });
            status = await WaitForApprovalAsync(context, status, input.ApprovalTimeout);
            if (status.Approval is { TimedOut: true })
            {
                status = Update(context, status with
                {
                    Stage = HandoffStage.InReview,
                    Review = [.. status.Review, $"No finance decision arrived within {input.ApprovalTimeout}; nothing was written."],
                });
                await context.CallActivityAsync(nameof(RouteToReviewActivity), status.Brief());
                return await FinishAsync(context, status, HandoffStage.InReview, input.CallId, seen);
            }

            await context.CallActivityAsync(nameof(AnnounceDecisionActivity), status.Brief());
            if (status.Approval?.Decision is not { Approved: true })
            {
                return await FinishAsync(context, status, HandoffStage.Completed, input.CallId, seen);
            }
        }

        status = Update(context, status with { Stage = HandoffStage.Writing });
        var results = await Task.WhenAll(plan.Actions.Select(action => context.CallActivityAsync<ProviderActionResult>(nameof(ExecuteProviderActionActivity), action)));
        status = status with { Actions = results };
        var failed = results.Where(r => r.Outcome is ProviderActionOutcome.Invalid or ProviderActionOutcome.NotConfigured or ProviderActionOutcome.Transient or ProviderActionOutcome.Conflict or ProviderActionOutcome.NotFound).ToList();
        if (failed.Count > 0)
        {
            status = status with
            {
                Review = [.. status.Review, .. failed.Select(r => $"{r.Kind} ended {r.Outcome}: {r.Message}" + (r.SettingToFix is null ? "" : $" (setting: {r.SettingToFix})"))],
            };
        }

        return await FinishAsync(context, status, failed.Count > 0 ? HandoffStage.InReview : HandoffStage.Completed, input.CallId, seen);
    }

    /// <summary>
    /// Waits for finance: every <c>FinanceApproval</c> event is counted (first decision wins, or the quorum), one
    /// reminder goes out at half time, and at the timeout the approval is marked timed out. Durable timers only.
    /// </summary>
    private static async Task<CallStatusSnapshot> WaitForApprovalAsync(TaskOrchestrationContext context, CallStatusSnapshot status, TimeSpan timeout)
    {
        var approval = status.Approval!;
        var deadline = context.CurrentUtcDateTime.Add(timeout);
        var remindAt = context.CurrentUtcDateTime.Add(timeout / 2);
        var reminded = !approval.Request.Reminder;
        while (true)
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
                    status = Update(context, status with { Approval = approval });
                    await context.CallActivityAsync(nameof(RemindApprovalActivity), status.Brief());
                    continue;
                }

                return Update(context, status with { Approval = approval with { TimedOut = true } });
            }

            approval = approval.Record(decision);
            status = Update(context, status with { Approval = approval });
            if (approval.Decision is not null)
            {
                return status;
            }
        }
    }

    private static async Task<CallStatusSnapshot> FinishAsync(TaskOrchestrationContext context, CallStatusSnapshot status, HandoffStage finalStage, string callId, HashSet<string> seen)
    {
        status = Update(context, status with { Stage = HandoffStage.Summarizing });
        var summary = await context.CallActivityAsync<string>(nameof(SummarizeCallActivity), status.Brief());
        status = Update(context, status with { Stage = HandoffStage.Notifying, Summary = summary });
        var notifications = await context.CallActivityAsync<List<string>>(nameof(NotifyActivity), status.Brief());

        // Deliveries that arrived while the call was handled are redacted too, so no raw body outlives the handoff.
        // They are already buffered in the instance, so a wait for them completes at once; no durable timer is needed.
        while (await BufferedDeliveryAsync(context, callId, seen) is not null)
        {
        }

        status = Update(context, status with { Stage = finalStage, Notifications = notifications });
        if (finalStage == HandoffStage.InReview)
        {
            await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
        }

        return status;
    }

    private static async Task<RedactedCall?> NextDeliveryAsync(TaskOrchestrationContext context, string callId, HashSet<string> seen, TimeSpan wait)
    {
        while (true)
        {
            CallEventNotice notice;
            try
            {
                notice = await context.WaitForExternalEvent<CallEventNotice>(DialNexaEventName, wait);
            }
            catch (TaskCanceledException)
            {
                return null;
            }

            // A repeated delivery is redacted again too (its raw body may have been stored again), but merged once.
            var redacted = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(callId, notice.InboxKey), LocalRetry);
            if (seen.Add(notice.InboxKey))
            {
                return redacted;
            }
        }
    }

    /// <summary>The next delivery already raised into the instance (redacted), or null when none is waiting.</summary>
    private static async Task<RedactedCall?> BufferedDeliveryAsync(TaskOrchestrationContext context, string callId, HashSet<string> seen)
    {
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var buffered = context.WaitForExternalEvent<CallEventNotice>(DialNexaEventName, stop.Token);
            if (!buffered.IsCompleted)
            {
                // Nothing is waiting: withdraw the wait (it leaves no trace in history) and finish. Cancel
                // synchronously: the engine's callbacks must run inside this episode, not on the thread pool.
#pragma warning disable CA1849
                stop.Cancel();
#pragma warning restore CA1849
                return null;
            }

            var notice = await buffered;
            var redacted = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(callId, notice.InboxKey), LocalRetry);
            if (seen.Add(notice.InboxKey))
            {
                return redacted;
            }
        }
    }

    private static CallStatusSnapshot Update(TaskOrchestrationContext context, CallStatusSnapshot status)
    {
        // Custom status holds at most 16 KB: past that, the request bodies wait for the final output. A status only
        // grows, so once the full one has not fitted, the compact form is set straight away.
        if (!status.CompactInStatus && !context.TrySetCustomStatus(status))
        {
            status = status with { CompactInStatus = true };
        }

        if (status.CompactInStatus)
        {
            context.SetCustomStatus(status.Compact());
        }

        return status;
    }
}
