using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Runs one planned provider action to a settled result through the durable runtime (orchestration code): an action
/// that ended Transient (nothing written) or InDoubt (its write may have taken effect) is run again after a durable
/// timer, and every run looks before it writes, so a rerun reads the provider before anything is sent again. An
/// InDoubt action is read again no later than the provider's commit grace says; a Transient one waits at least what
/// the provider asked. When the schedule runs out the last result stands (the call goes to review with it). Each run
/// is recorded in the result's <see cref="ProviderActionResult.Attempts"/>.
/// </summary>
internal static class ProviderWrites
{
    private const int AttemptsKept = 10;

    /// <summary>Far above what any schedule reaches (15 s doubling to 10 min for an hour is about 10 runs).</summary>
    private const int MaxAttempts = 200;

    public static bool Failed(ProviderActionOutcome outcome) => outcome is ProviderActionOutcome.Invalid or ProviderActionOutcome.NotConfigured
        or ProviderActionOutcome.Transient or ProviderActionOutcome.Conflict or ProviderActionOutcome.NotFound;

    public static async Task<ProviderActionResult> RunAsync(TaskOrchestrationContext context, PlannedAction action, RetrySchedule schedule, Action<ProviderActionResult> progress)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(progress);
        var started = context.CurrentUtcDateTime;
        var attempts = new List<ActionAttempt>();
        for (var attempt = 1; ; attempt++)
        {
            // The schedule bounds the attempts; this cap keeps the history bounded whatever it says.
            var lastRun = attempt >= MaxAttempts;
            ProviderActionResult result;
            try
            {
                result = await context.CallActivityAsync<ProviderActionResult>(nameof(ExecuteProviderActionActivity), action);
            }
            catch (TaskFailedException ex)
            {
                // The activity failed part-way (the app's store, a bug): the write may or may not have been sent.
                result = new ProviderActionResult
                {
                    Provider = action.Provider,
                    Kind = action.Kind,
                    Mode = ProviderMode.Live,
                    Outcome = ProviderActionOutcome.InDoubt,
                    Message = "The action stopped part-way: " + (ex.Message.Length <= 300 ? ex.Message : ex.Message[..299] + "\u2026"),
                };
            }

            var now = context.CurrentUtcDateTime;
            attempts.Add(new ActionAttempt(new DateTimeOffset(now, TimeSpan.Zero), result.Outcome, result.Message));
            result = result with { Attempts = [.. attempts.TakeLast(AttemptsKept)] };
            progress(result);
            if (lastRun || result.Outcome is not (ProviderActionOutcome.Transient or ProviderActionOutcome.InDoubt))
            {
                return result;
            }

            var backoff = schedule.DelayAfter(attempt, $"{action.Request.CallId}|{action.Kind}");
            var wait = (result.Outcome, result.RetryAfter) switch
            {
                (ProviderActionOutcome.InDoubt, { } left) when left < backoff => left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left,
                (ProviderActionOutcome.Transient, { } asked) when asked > backoff => asked,
                _ => backoff,
            };
            if (now + wait > started + schedule.GiveUpAfter)
            {
                return result;
            }

            await context.CreateTimer(now + wait, CancellationToken.None);
        }
    }
}
