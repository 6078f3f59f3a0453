using System.Globalization;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// What an orchestration does when a step fails for good (its retries spent, or a bug in the step): it does not fail
/// with nothing to show. The call goes to the review queue with a reason naming the step and the error's type (never its
/// message, which may quote the call), and Slack is told; each of those steps is tried once more on its own, so a
/// failing alert cannot undo the review entry. Deterministic: it only schedules activities.
/// </summary>
internal static class HandoffFailSafe
{
    /// <summary>Whether the fail-safe takes this exception (everything but cancellation, which the runtime owns).</summary>
    public static bool Catches(Exception exception) => exception is not OperationCanceledException;

    /// <summary>The review reason for a step that failed for good.</summary>
    public static string ReasonFor(Exception exception, HandoffStage stage)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (step, error) = exception is TaskFailedException failed
            ? (failed.TaskName, failed.FailureDetails.ErrorType)
            : ("the orchestration", exception.GetType().FullName ?? exception.GetType().Name);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The handoff stopped while {stage}: {step} failed ({error}) and nothing more was done automatically. Check what the call's actions show as written before acting; the instance's history has the error.");
    }

    /// <summary>
    /// Puts the call in review with the reason, opens the review entry, then delivers the Slack alert on the message
    /// schedule; returns the final status (with the alert's delivery record).
    /// </summary>
    public static async Task<CallStatusSnapshot> ToReviewAsync(TaskOrchestrationContext context, CallStatusSnapshot status, Exception exception, RetrySchedule messageRetry, Func<CallStatusSnapshot, CallStatusSnapshot> show)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(show);
        status = show(status with { Stage = HandoffStage.InReview, Review = [.. status.Review, ReasonFor(exception, status.Stage)] });
        var messages = new MessageOutbox(messageRetry);
        try
        {
            messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief(), CallHandoffOrchestrator.LocalRetry), context.CurrentUtcDateTime);
        }
        catch (TaskFailedException)
        {
            // The review entry below still lists the call; only the alert's text could not be composed.
        }

        await TryAsync(context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief(), CallHandoffOrchestrator.LocalRetry));
        await messages.DeliverAllAsync(context, deliveries => status = show(status with { Messages = deliveries }));
        return status;
    }

    /// <summary>Runs a last step whose failure must not undo what the fail-safe did; true when it succeeded.</summary>
    public static async Task<bool> TryAsync(Task step)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            await step;
            return true;
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }
}
