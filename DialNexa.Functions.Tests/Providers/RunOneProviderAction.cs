using Microsoft.DurableTask;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>An orchestration that carries out one planned provider action, as the call handoff's write stage does.</summary>
internal sealed class RunOneProviderAction : TaskOrchestrator<PlannedAction, ProviderActionResult>
{
    public override Task<ProviderActionResult> RunAsync(TaskOrchestrationContext context, PlannedAction input) =>
        context.CallActivityAsync<ProviderActionResult>(nameof(ExecuteProviderActionActivity), input);
}
