using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// One call's handoff, instance ID = call ID: redact, extract, match, plan; then review, or approval, or writes;
/// then summary and alerts; last, the call's inbox is closed, and whatever arrived that the handoff never read goes to
/// late-delivery review. Only redacted data enters its history; a bounded view of the status is its custom status.
/// A step that fails for good does not fail the call: it ends in review with the reason, and Slack is told
/// (<see cref="HandoffFailSafe"/>).
/// Messages for people (approval request, reminder, decision, review alert, alerts, approval mails) are composed by
/// activities (from revision 1 the decision notice and the alerts by the orchestration itself, see
/// <see cref="CallHandoffInput.CurrentRevision"/>) and delivered by the handoff in order, retried on durable timers
/// while it waits and before it ends, each with its delivery in the status; one that cannot be delivered sends the
/// call to review. Provider actions that end Transient or InDoubt are run again (each run looks before it writes)
/// before the call is settled.
/// </summary>
internal sealed class CallHandoffOrchestrator : TaskOrchestrator<CallHandoffInput, CallStatusSnapshot>
{
    /// <summary>Later deliveries for a running call (transcript or analysis ready).</summary>
    public const string DialNexaEventName = "DialNexaEvent";

    /// <summary>Finance's decision on an approval request.</summary>
    public const string FinanceApprovalEventName = "FinanceApproval";

    /// <summary>How often a call waiting for its transcript or analysis also reads its inbox.</summary>
    private static readonly TimeSpan DetailsCheck = TimeSpan.FromSeconds(30);

    /// <summary>The key of an approval mail message: this, its purpose ("request", "reminder"), ':' and the approver.</summary>
    private const string MailKeyPrefix = "mail:";

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
            var current = shown.Current ?? new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Received };
            var status = await HandoffFailSafe.ToReviewAsync(context, current, ex, (input.Retries ?? RetrySchedules.Default).Messages, shown.Set);
            await HandoffFailSafe.TryAsync(context.CallActivityAsync<int>(nameof(CloseInboxActivity), new CloseInboxInput(input.CallId, input.BaseUrl, status.Stage), LocalRetry));
            return status;
        }
    }

    private static async Task<CallStatusSnapshot> HandOffAsync(TaskOrchestrationContext context, CallHandoffInput input, ShownStatus shown)
    {
        var status = shown.Set(new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Redacting });
        var seen = new HashSet<string>(StringComparer.Ordinal) { input.FirstDelivery.Hash };
        List<string> merged = [input.FirstDelivery.Hash];
        var call = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, input.FirstDelivery.Hash), LocalRetry);

        if (!call.HasContent && !string.Equals(call.Status, "hangup", StringComparison.OrdinalIgnoreCase))
        {
            status = shown.Set(status with { Stage = HandoffStage.WaitingForDetails, Suppression = call.Suppression });
            var deadline = context.CurrentUtcDateTime.Add(input.DetailsWait);
            while (!call.HasContent && context.CurrentUtcDateTime < deadline)
            {
                var left = deadline - context.CurrentUtcDateTime;
                var more = await NextDeliveryAsync(context, input.CallId, seen, left < DetailsCheck ? left : DetailsCheck);
                if (more is { } next)
                {
                    call = CallMerge.Merge(call, next.Call);
                    merged.Add(next.Hash);
                    continue;
                }

                // No event came: read the inbox too, since DurableTask.AzureStorage discards an event that overtakes
                // the instance's start. Whatever the inbox holds that this handoff has not read is read now.
                foreach (var unread in await context.CallActivityAsync<List<InboxDelivery>>(nameof(UnreadDeliveriesActivity), input.CallId, LocalRetry))
                {
                    if (seen.Add(unread.Hash))
                    {
                        call = CallMerge.Merge(call, await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, unread.Hash), LocalRetry));
                        merged.Add(unread.Hash);
                    }
                }
            }
        }

        var links = CallLinks.For(input.BaseUrl, input.CallId, call.HasRecording);
        status = shown.Set(status with { Stage = HandoffStage.Extracting, Suppression = call.Suppression, Redactions = call.Redactions, Links = links });
        HandoffPlan plan;
        if (input.AssessesInOneStep)
        {
            var (facts, match, planned) = await context.CallActivityAsync<CallAssessment>(nameof(AssessCallActivity), new AssessCallInput(input.CallId, merged, links), LocalRetry);
            status = status with { Stage = HandoffStage.Planning, Workflow = facts.Workflow, Context = facts, Match = match };
            plan = planned;
        }
        else
        {
            var facts = await context.CallActivityAsync<CallFacts>(nameof(ExtractFactsActivity), new ExtractFactsInput(input.CallId, merged), LocalRetry);
            status = shown.Set(status with { Stage = HandoffStage.Matching, Workflow = facts.Workflow, Context = facts });
            var match = await context.CallActivityAsync<CallerMatch>(nameof(MatchCallerActivity), new MatchCallerInput(facts, call.CallerPhone));
            status = shown.Set(status with { Stage = HandoffStage.Planning, Match = match });
            plan = await context.CallActivityAsync<HandoffPlan>(nameof(PlanHandoffActivity), new PlanHandoffInput(call, facts, match, links), LocalRetry);
        }

        status = shown.Set(status with { PlannedActions = plan.Actions, ApprovalReasons = plan.ApprovalReasons, Review = plan.ReviewReasons });

        var retries = input.Retries ?? RetrySchedules.Default;
        var messages = new MessageOutbox(retries.Messages);
        if (plan.NeedsReview)
        {
            status = shown.Set(status with { Stage = HandoffStage.InReview });
            messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief()), context.CurrentUtcDateTime);
            status = await DeliverDueAsync(context, status, messages, shown);
            return await FinishAsync(context, status, HandoffStage.InReview, input, messages, shown);
        }

        if (plan.Actions.Count == 0)
        {
            return await FinishAsync(context, status, HandoffStage.NoAction, input, messages, shown);
        }

        Task? noticeDelivery = null;
        if (plan.NeedsApproval)
        {
            status = shown.Set(status with { Stage = HandoffStage.AwaitingApproval });
            var requestId = $"{input.CallId}:{context.NewGuid():N}";
            var asking = new RequestApprovalInput(status, input.ApprovalTimeout, requestId, input.BaseUrl);
            if (input.PostsApprovalRequestInItsActivity)
            {
                // The request is the call's first message, so nothing of its channel waits before it.
                asking = asking with { PostsToSlack = true, PostIsLastAttempt = messages.FirstAttemptIsLast(input.CallId, RequestApprovalActivity.SlackKey) };
            }

            var posting = await context.CallActivityAsync<ApprovalPosting>(nameof(RequestApprovalActivity), asking, LocalRetry);
            status = shown.Set(status with { Approval = new ApprovalStatus(posting.Request, null, false) });
            Queue(context, messages, posting, "request", "Approval needed");
            status = await DeliverDueAsync(context, status, messages, shown);
            status = await WaitForApprovalAsync(context, status, input.ApprovalTimeout, messages, shown);
            if (status.Approval is { TimedOut: true })
            {
                status = shown.Set(status with
                {
                    Stage = HandoffStage.InReview,
                    Review = [.. status.Review, $"No finance decision arrived within {input.ApprovalTimeout}; nothing was written."],
                });
                messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief()), context.CurrentUtcDateTime);
                status = await DeliverDueAsync(context, status, messages, shown);
                return await FinishAsync(context, status, HandoffStage.InReview, input, messages, shown);
            }

            var notice = input.ComposesNoticesInline
                ? AnnounceDecisionActivity.Compose(status.Brief())
                : await context.CallActivityAsync<OutgoingMessage>(nameof(AnnounceDecisionActivity), status.Brief());
            messages.Add(notice, context.CurrentUtcDateTime);
            if (input.DeliversNoticeAlongsideWrites && status.Approval?.Decision is { Approved: true })
            {
                // The notice goes out while the writes run: neither waits for the other.
                noticeDelivery = messages.DeliverDueAsync(context);
            }
            else
            {
                status = await DeliverDueAsync(context, status, messages, shown);
            }

            var decision = status.Approval?.Decision;
            if (decision is not { Approved: true })
            {
                if (status.Approval is { Request.CarriesPromise: true } approval)
                {
                    // The caller was told to expect an answer: a rejection is a follow-up for a person, not the end.
                    var asked = approval.Request;
                    status = shown.Set(status with
                    {
                        Stage = HandoffStage.InReview,
                        Review =
                        [
                            .. status.Review,
                            $"Finance rejected the request ({decision?.Approver ?? "no approver"}), so nothing was written; but the caller was promised {ApprovalText.Promise(asked.AgentPromise, asked.FollowUpBy, asked.CallbackRequested)}. Tell the caller what happens next.",
                        ],
                    });
                    messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief()), context.CurrentUtcDateTime);
                    status = await DeliverDueAsync(context, status, messages, shown);
                    return await FinishAsync(context, status, HandoffStage.InReview, input, messages, shown);
                }

                return await FinishAsync(context, status, HandoffStage.Completed, input, messages, shown);
            }
        }

        status = shown.Set(status with { Stage = HandoffStage.Writing });
        var results = new ProviderActionResult?[plan.Actions.Count];
        await Task.WhenAll(plan.Actions.Select((action, i) => ProviderWrites.RunAsync(context, action, retries.Writes, result =>
        {
            results[i] = result;
            status = shown.Set(status with { Actions = [.. results.OfType<ProviderActionResult>()] });
        })));
        if (noticeDelivery is not null)
        {
            await noticeDelivery;
            status = Delivered(context, status, messages, shown);
        }

        status = status with { Actions = [.. results.OfType<ProviderActionResult>()] };
        var failed = results.OfType<ProviderActionResult>().Where(r => ProviderWrites.Failed(r.Outcome)).ToList();
        var inDoubt = results.OfType<ProviderActionResult>().Where(r => r.Outcome == ProviderActionOutcome.InDoubt).ToList();
        if (failed.Count + inDoubt.Count > 0)
        {
            status = shown.Set(status with
            {
                Stage = HandoffStage.InReview,
                Review =
                [
                    .. status.Review,
                    .. failed.Select(r => $"{ProviderActionWords.Of(r.Kind)}: {r.Outcome}. {r.Message}" + (r.SettingToFix is null ? "" : $" (setting: {r.SettingToFix.Replace(":", "__", StringComparison.Ordinal)})")),
                    .. inDoubt.Select(r => $"{ProviderActionWords.Of(r.Kind)} is in doubt: {r.Message} {r.Provider} holds: {r.ProviderHolds ?? "unknown"}. Re-run it from the review queue (POST /api/review/{context.InstanceId}/actions/{r.Kind}/rerun) once {r.Provider} can be read; the re-run looks before it writes."),
                ],
            });

            // A write that failed or stayed in doubt is what review is for: finance is told now, like any other review.
            messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief()), context.CurrentUtcDateTime);
            status = await DeliverDueAsync(context, status, messages, shown);
        }

        return await FinishAsync(context, status, failed.Count + inDoubt.Count > 0 ? HandoffStage.InReview : HandoffStage.Completed, input, messages, shown);
    }

    /// <summary>
    /// Waits for finance: every <c>FinanceApproval</c> event is counted (first decision wins, or the quorum), one
    /// reminder goes out at half time, and at the timeout the approval is marked timed out. Messages still being
    /// delivered (the request itself, when Slack refused it) are tried again whenever they are due. Durable timers only.
    /// </summary>
    private static async Task<CallStatusSnapshot> WaitForApprovalAsync(TaskOrchestrationContext context, CallStatusSnapshot status, TimeSpan timeout, MessageOutbox messages, ShownStatus shown)
    {
        var approval = status.Approval!;
        var deadline = context.CurrentUtcDateTime.Add(timeout);
        var remindAt = context.CurrentUtcDateTime.Add(timeout / 2);
        var reminded = !approval.Request.Reminder;

        // Each round ends with an event or a timer; events come only through the approval page and Slack, so a bound
        // far above any real count of approvers only stops a runaway sender from growing the history without end.
        // Timers for message retries do not count: their schedule bounds them.
        for (var events = 0; events < MaxApprovalRounds;)
        {
            var until = reminded ? deadline : remindAt;
            var wake = messages.NextDue is { } due && due < until ? due : until;
            var left = wake - context.CurrentUtcDateTime;
            FinanceApproval decision;
            try
            {
                decision = await context.WaitForExternalEvent<FinanceApproval>(FinanceApprovalEventName, left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TaskCanceledException)
            {
                if (messages.NextDue is { } retry && retry <= context.CurrentUtcDateTime)
                {
                    status = await DeliverDueAsync(context, status, messages, shown);
                }

                if (context.CurrentUtcDateTime < until)
                {
                    continue;
                }

                if (!reminded)
                {
                    reminded = true;
                    approval = approval with { RemindedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) };
                    status = shown.Set(status with { Approval = approval });
                    Queue(context, messages, await context.CallActivityAsync<ApprovalPosting>(nameof(RemindApprovalActivity), status.Brief()), RemindApprovalActivity.MailPurpose, RemindApprovalActivity.MailHeading);
                    status = await DeliverDueAsync(context, status, messages, shown);
                    continue;
                }

                return shown.Set(status with { Approval = approval with { TimedOut = true } });
            }

            events++;
            approval = approval.Record(decision);
            status = shown.Set(status with { Approval = approval });
            if (approval.Decision is not null)
            {
                return status;
            }
        }

        return shown.Set(status with { Approval = approval with { TimedOut = true, Ignored = [.. approval.Ignored, $"More than {MaxApprovalRounds} approval events arrived; the request was closed."] } });
    }

    /// <summary>
    /// Summary and alerts; the final stage is shown (and the review queue entry opened) before the messages are
    /// delivered, so a Slack outage delays neither; then every message is delivered or given up, and one that could
    /// not be delivered sends the call to review (its failure also logged as an error by its last attempt).
    /// </summary>
    private static async Task<CallStatusSnapshot> FinishAsync(TaskOrchestrationContext context, CallStatusSnapshot status, HandoffStage finalStage, CallHandoffInput input, MessageOutbox messages, ShownStatus shown)
    {
        string summary;
        if (input.SummarizesInline)
        {
            summary = SummarizeCallActivity.Compose(status);
        }
        else
        {
            status = shown.Set(status with { Stage = HandoffStage.Summarizing });
            summary = await context.CallActivityAsync<string>(nameof(SummarizeCallActivity), status.Brief());
        }

        status = shown.Set(status with { Stage = HandoffStage.Notifying, Summary = summary });
        var alerts = input.ComposesNoticesInline
            ? NotifyActivity.Compose(status.Brief())
            : await context.CallActivityAsync<List<OutgoingMessage>>(nameof(NotifyActivity), status.Brief());
        foreach (var alert in alerts)
        {
            messages.Add(alert, context.CurrentUtcDateTime);
        }

        status = shown.Set(status with { Stage = finalStage, Messages = messages.Deliveries });
        Task? listing = null;
        if (finalStage == HandoffStage.InReview)
        {
            await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief()); // lists the call too
        }
        else if (input.SummarizesInline)
        {
            // Listed while the messages go out, so a Slack outage (retried for hours) does not keep the call off the console.
            listing = context.CallActivityAsync<bool>(nameof(RecordCallActivity), status.Brief(), LocalRetry);
        }

        var current = status;
        await messages.DeliverAllAsync(context, deliveries =>
        {
            AlertUndeliveredMail(context, messages, current.Links);
            current = shown.Set(current with { Messages = messages.Deliveries });
        });
        status = current with { Notifications = [.. messages.Deliveries.Where(m => m.Key.StartsWith("alert:", StringComparison.Ordinal)).Select(m => $"Slack {m.Purpose}: {m.State}")] };
        if (messages.Failed.Where(m => m.Channel == MessageChannel.Slack).ToList() is { Count: > 0 } undelivered)
        {
            // Slack is how finance hears of calls; what it did not carry, the review queue (and the error log) must.
            status = shown.Set(status with
            {
                Stage = HandoffStage.InReview,
                Review = [.. status.Review, .. undelivered.Select(m => $"{m.Purpose} (Slack) was not delivered: {m.Problem}" + (m.SettingToFix is null ? "" : $" (setting: {m.SettingToFix})"))],
            });
            await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
        }

        status = shown.Set(status);
        if (listing is not null)
        {
            await listing;
        }

        // The handoff reads no more deliveries: any that arrived and were not read go to late-delivery review.
        await context.CallActivityAsync<int>(nameof(CloseInboxActivity), new CloseInboxInput(input.CallId, input.BaseUrl, status.Stage), LocalRetry);
        return status;
    }

    /// <summary>Queues an approval request's (or reminder's) Slack post, and the approver mails that failed for a passing reason.</summary>
    private static void Queue(TaskOrchestrationContext context, MessageOutbox messages, ApprovalPosting posting, string mailPurpose, string mailHeading)
    {
        if (posting.SlackAttempt is { } first)
        {
            messages.AddAttempted(posting.Slack, first, context.CurrentUtcDateTime);
        }
        else
        {
            messages.Add(posting.Slack, context.CurrentUtcDateTime);
        }

        // A mail refused for good is named in the Slack post already; one that failed for a passing reason is retried.
        foreach (var missed in posting.Mail?.Where(d => !d.Sent && !d.Permanent) ?? [])
        {
            var to = Approvals.ApprovalMasking.Email(missed.Approver);
            var key = $"{MailKeyPrefix}{mailPurpose}:{missed.Approver}";
            var purpose = $"Approval {mailPurpose} email to {to}";
            messages.Add(new OutgoingMessage { CallId = posting.Request.CallId, Key = key, Purpose = purpose, Channel = MessageChannel.Email, Mail = new ApprovalMail(posting.Request, missed.Approver, mailPurpose, mailHeading) }, context.CurrentUtcDateTime);
        }
    }

    private static async Task<CallStatusSnapshot> DeliverDueAsync(TaskOrchestrationContext context, CallStatusSnapshot status, MessageOutbox messages, ShownStatus shown)
    {
        await messages.DeliverDueAsync(context);
        return Delivered(context, status, messages, shown);
    }

    /// <summary>The status once the due messages were tried: undelivered mail told to Slack, every delivery shown.</summary>
    private static CallStatusSnapshot Delivered(TaskOrchestrationContext context, CallStatusSnapshot status, MessageOutbox messages, ShownStatus shown)
    {
        AlertUndeliveredMail(context, messages, status.Links);
        return shown.Set(WithMailRetries(status with { Messages = messages.Deliveries }));
    }

    /// <summary>The approval request's mail deliveries as retried: a mail that went out on a later attempt is shown sent.</summary>
    private static CallStatusSnapshot WithMailRetries(CallStatusSnapshot status)
    {
        if (status.Approval?.Request.Deliveries is not { } deliveries)
        {
            return status;
        }

        var sent = status.Messages.Where(m => m.Channel == MessageChannel.Email && m.State == MessageDeliveryState.Delivered && m.Key.StartsWith(MailKeyPrefix + "request:", StringComparison.Ordinal))
            .Select(m => m.Key[(MailKeyPrefix.Length + "request:".Length)..])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!deliveries.Any(d => !d.Sent && sent.Contains(d.Approver)))
        {
            return status;
        }

        var request = status.Approval.Request with { Deliveries = [.. deliveries.Select(d => !d.Sent && sent.Contains(d.Approver) ? d with { Sent = true } : d)] };
        return status with { Approval = status.Approval with { Request = request } };
    }

    /// <summary>An approval mail that could not be delivered after its retries is told to the Slack channel (once), since its approver never got the link.</summary>
    private static void AlertUndeliveredMail(TaskOrchestrationContext context, MessageOutbox messages, CallLinks? links)
    {
        foreach (var mail in messages.Failed.Where(m => m.Channel == MessageChannel.Email))
        {
            messages.Add(OutgoingMessage.ToSlack("undelivered:" + mail.Key, "Undelivered mail alert", new SlackMessage
            {
                CallId = context.InstanceId,
                Kind = SlackMessageKind.Alert,
                Text = $"Call {context.InstanceId}: the {mail.Purpose} was not delivered ({mail.Problem}). An admin can read the approver's link from the call's status.",
                Links = links?.AsSlackLinks() ?? [],
            }), context.CurrentUtcDateTime);
        }
    }

    private static async Task<(RedactedCall Call, string Hash)?> NextDeliveryAsync(TaskOrchestrationContext context, string callId, HashSet<string> seen, TimeSpan wait)
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
                return (redacted, delivery.Hash);
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps the full status in the orchestration and shows a bounded view of it as the custom status, so the custom
    /// status stays small however long the call's texts or however many its writes. The last status shown is what the
    /// fail-safe puts in review when a step fails for good.
    /// </summary>
    private sealed class ShownStatus(TaskOrchestrationContext context)
    {
        public CallStatusSnapshot? Current { get; private set; }

        public CallStatusSnapshot Set(CallStatusSnapshot status)
        {
            context.SetCustomStatus(new ShownCustomStatus(status));
            Current = status;
            return status;
        }
    }
}
