using DialNexa.Functions.Calls;
using System.Globalization;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Json;
using DialNexa.Functions.Providers;
using DurableTask.Core.History;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// A call's timeline in words, built from its orchestration history (when each step ran, each write's request and
/// result, each decision as it arrived) and the app's records (what redaction removed, whom the caller matched, the
/// approval, deliveries of messages, late deliveries and the review's resolution). Nothing in it is read from a raw
/// body: history and records hold redacted data only, and contact details are masked here as in lists.
/// </summary>
internal static class CallTimeline
{
    private const string SummaryWritten = "Summary written for the audit trail.";

    public static List<TimelineEntry> Build(CallStatusSnapshot status, IList<HistoryEvent>? history, IReadOnlyList<TimelineEntry> records)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(records);
        var entries = new List<TimelineEntry>(records);
        if (history is not null)
        {
            FromHistory(entries, status, history);
        }
        else
        {
            FromStatus(entries, status);
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    private static void FromHistory(List<TimelineEntry> entries, CallStatusSnapshot status, IList<HistoryEvent> history)
    {
        var scheduled = new Dictionary<int, TaskScheduledEvent>();
        var redactions = 0;

        // A call of revision 2 that ends in review composes its summary in the orchestration and has no step of its
        // own for it: the review's opening stands for it.
        var summaryUnshown = status.Summary is not null && !history.OfType<TaskScheduledEvent>().Any(t => t.Name is nameof(SummarizeCallActivity) or nameof(RecordCallActivity));
        foreach (var e in history)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc));
            switch (e)
            {
                case ExecutionStartedEvent:
                    entries.Add(new(at, "Received: DialNexa's webhook was accepted and the handoff started."));
                    break;
                case TaskScheduledEvent task:
                    scheduled[task.EventId] = task;
                    break;
                case TaskCompletedEvent done when scheduled.TryGetValue(done.TaskScheduledId, out var task):
                    if (summaryUnshown && task.Name == nameof(OpenReviewActivity))
                    {
                        entries.Add(new(at, SummaryWritten));
                        summaryUnshown = false;
                    }

                    entries.AddRange(Completed(task, done.Result, status, redactions == 0).Select(entry => entry with { At = at }));

                    redactions += task.Name == nameof(RedactCallActivity) ? 1 : 0;
                    break;
                case TaskFailedEvent failed when scheduled.TryGetValue(failed.TaskScheduledId, out var task):
                    entries.Add(new(at, $"{StepName(task.Name)} failed: {failed.FailureDetails?.ErrorMessage ?? failed.Reason ?? "no reason given"}."));
                    break;
                case EventRaisedEvent raised when raised.Name == CallHandoffOrchestrator.FinanceApprovalEventName:
                    entries.Add(new(at, Decision(Read<FinanceApproval>(raised.Input))));
                    break;
                case EventRaisedEvent raised when raised.Name == CallHandoffOrchestrator.DialNexaEventName:
                    entries.Add(new(at, "Another delivery of the call arrived (transcript or analysis) and was read into the handoff."));
                    break;
                case ExecutionCompletedEvent ended:
                    entries.Add(new(at, $"The handoff ended: {ConsoleWords.Stage(status.Stage)} ({ended.OrchestrationStatus})."));
                    break;
                case ExecutionTerminatedEvent:
                    entries.Add(new(at, "The handoff was terminated by an operator."));
                    break;
            }
        }

        Notified(entries, status);
    }

    /// <summary>Without history (a host that does not serve it): the times the status itself records.</summary>
    private static void FromStatus(List<TimelineEntry> entries, CallStatusSnapshot status)
    {
        if (status.Approval is { } approval)
        {
            entries.Add(new(approval.Request.RequestedAt, Requested(approval.Request)));
            if (approval.RemindedAt is { } reminded)
            {
                entries.Add(new(reminded, "Reminder sent to the approvers."));
            }

            foreach (var decision in approval.Decisions)
            {
                entries.Add(new(decision.DecidedAt, Decision(decision)));
            }
        }

        Notified(entries, status);
    }

    private static void Notified(List<TimelineEntry> entries, CallStatusSnapshot status)
    {
        foreach (var message in status.Messages)
        {
            var at = message.DeliveredAt ?? message.LastAttemptAt ?? message.QueuedAt;
            var how = message.Channel.ToString();
            entries.Add(new(at, message.State switch
            {
                Handoff.Messages.MessageDeliveryState.Delivered => $"Notified: {message.Purpose} delivered by {how}.",
                Handoff.Messages.MessageDeliveryState.DryRun => $"Notified: {message.Purpose} recorded, not sent ({how} is in dry run).",
                _ => $"Notified: {message.Purpose} by {how} is {message.State.ToString().ToLowerInvariant()} after {message.Attempts} attempt(s){(message.Problem is null ? "" : ": " + message.Problem)}.",
            }));
        }
    }

    private static IEnumerable<TimelineEntry> Completed(TaskScheduledEvent task, string? result, CallStatusSnapshot status, bool firstRedaction)
    {
        var at = DateTimeOffset.MinValue;
        switch (task.Name)
        {
            case nameof(RedactCallActivity):
                return [new(at, firstRedaction ? Redacted(status) : "A later delivery was redacted the same way.")];
            case nameof(ExtractFactsActivity):
                return [new(at, CallRead(status))];
            case nameof(MatchCallerActivity):
                return [new(at, Matched(status))];
            case nameof(AssessCallActivity):
                return [new(at, CallRead(status)), new(at, Matched(status)), new(at, Planned(status))];
            case nameof(PlanHandoffActivity):
                return [new(at, Planned(status))];
            case nameof(RequestApprovalActivity):
                return [new(at, status.Approval is { } approval ? Requested(approval.Request) : "Approval requested.")];
            case nameof(RemindApprovalActivity):
                return [new(at, "Reminder sent to the approvers (half the approval time had passed).")];
            case nameof(RouteToReviewActivity):
                return [new(at, "Sent to the review queue: " + (status.Review.Count == 0 ? "see the reasons below." : string.Join(" ", status.Review.Select(ApprovalText.MaskEmails))))];
            case nameof(ExecuteProviderActionActivity):
                return [Wrote(Read<PlannedAction>(task.Input), Read<ProviderActionResult>(result))];
            case nameof(SummarizeCallActivity):
            case nameof(RecordCallActivity):
                return [new(at, SummaryWritten)];
            case nameof(OpenReviewActivity):
                return [new(at, "Opened on the review queue.")];
            case nameof(CloseInboxActivity):
                var late = int.TryParse(result, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
                return [new(at, late == 0 ? "Inbox closed: every delivery of the call was read." : $"Inbox closed: {late} delivery(ies) arrived too late and went to review on their own.")];
            default:
                return [];
        }
    }

    private static string CallRead(CallStatusSnapshot status) => status.Context is not { } facts
        ? "The call was read."
        : $"Read the call: {ApprovalText.Workflow(facts.Workflow)} ({ApprovalText.Percent(facts.WorkflowConfidence)} sure){Evidence(facts)}.";

    private static string Redacted(CallStatusSnapshot status)
    {
        var kinds = status.Redactions.Where(r => r.Value > 0).Select(r => $"{r.Value} {Words(r.Key)}").ToList();
        var suppressed = new List<string>();
        if (status.Suppression.CardNumber)
        {
            suppressed.Add("card numbers");
        }

        if (status.Suppression.BankDetails)
        {
            suppressed.Add("bank details");
        }

        if (status.Suppression.TaxIdentifier)
        {
            suppressed.Add("tax identifiers");
        }

        var text = kinds.Count == 0 ? "Redacted: nothing sensitive was found." : $"Redacted: removed {string.Join(", ", kinds)}.";
        return suppressed.Count == 0 ? text : $"{text} The call carried {string.Join(", ", suppressed)}; none was kept.";
    }

    private static string Words(string label) => label.Replace('_', ' ').ToLowerInvariant() switch
    {
        var words when words.EndsWith('s') => words,
        var words => words + "(s)",
    };

    private static string Evidence(CallFacts facts) =>
        facts.Text(FactNames.WorkflowEvidence) is { Length: > 0 } evidence ? $"; decided by {ApprovalText.MaskEmails(evidence)}" : "";

    private static string Matched(CallStatusSnapshot status)
    {
        if (status.Match is not { } match)
        {
            return "Looked the caller up.";
        }

        var best = match.Providers.Where(p => p.Score > 0).OrderByDescending(p => p.Score).FirstOrDefault();
        return best is null
            ? $"Matched to nobody: no provider found the caller ({ApprovalText.Percent(match.Confidence)})."
            : $"Matched to {best.Name ?? best.CustomerId ?? "a customer"} in {best.Provider} with {ApprovalText.Percent(match.Confidence)} confidence{(match.Ambiguous ? ", but more than one record fits" : "")} ({ApprovalText.MaskEmails(best.Basis)}).";
    }

    private static string Planned(CallStatusSnapshot status)
    {
        var actions = status.PlannedActions.Count == 0 ? "nothing to write" : string.Join("; ", status.PlannedActions.Select(a => ProviderActionWords.Of(a.Kind)));
        var text = $"Planned: {actions}.";
        if (status.ApprovalReasons.Count > 0)
        {
            text += " Needs approval because " + string.Join(" ", status.ApprovalReasons.Select(ApprovalText.MaskEmails));
        }

        return text;
    }

    private static string Requested(ApprovalRequest request) =>
        $"Approval requested from {string.Join(", ", request.Approvers.Select(a => ConsoleWords.Approver(a.Name, a.Approver)))}; {(request.Quorum == 1 ? "the first decision counts" : $"{request.Quorum} approvals needed")}, until {request.ExpiresAt.UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture)}.";

    private static string Decision(FinanceApproval? decision) => decision is null
        ? "A finance decision arrived."
        : $"{(decision.Approved ? "Approved" : "Rejected")} by {decision.Approver}{(decision.Channel is null ? "" : $" ({decision.Channel})")}{(string.IsNullOrWhiteSpace(decision.Comment) ? "" : $": \"{decision.Comment}\"")}.";

    private static TimelineEntry Wrote(PlannedAction? action, ProviderActionResult? result)
    {
        if (result is null)
        {
            return new(DateTimeOffset.MinValue, action is null ? "A provider action ran." : $"{ProviderActionWords.Of(action.Kind)}: ran.");
        }

        var text = $"{ProviderActionWords.Of(result.Kind)} ({result.Provider}, {(result.Mode == ProviderMode.DryRun ? "dry run" : "live")}): {ConsoleWords.Outcome(result.Outcome)}.";
        if (result.Message is { Length: > 0 } message)
        {
            text += " " + ApprovalText.MaskEmails(message);
        }

        if (result.RecordId is { } record)
        {
            text += $" Record {record}.";
        }

        var detail = result.Request is { } request ? $"{request.Method} {request.Url}" + (request.Body is { Length: > 0 } body ? "\n" + ApprovalText.MaskEmails(body) : "") : null;
        return new(DateTimeOffset.MinValue, text, detail);
    }

    private static string StepName(string? name) => name is null ? "A step" : name.EndsWith("Activity", StringComparison.Ordinal) ? name[..^"Activity".Length] : name;

    private static T? Read<T>(string? json)
        where T : class
    {
        try
        {
            return AppJson.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
