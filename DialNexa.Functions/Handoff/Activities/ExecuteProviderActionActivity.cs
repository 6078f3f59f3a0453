using Microsoft.DurableTask;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Carries out one planned action, once in effect: the provider client looks before it writes and dedupes by the call
/// ID and action, so a rerun after a crash finds the earlier effect instead of repeating it. Retries of transient
/// faults live in the client's resilience pipeline, not here.
/// </summary>
internal sealed class ExecuteProviderActionActivity(ProviderDirectory providers) : TaskActivity<PlannedAction, ProviderActionResult>
{
    public override Task<ProviderActionResult> RunAsync(TaskActivityContext context, PlannedAction input) =>
        providers.ExecuteAsync(input.Request, CancellationToken.None);
}
