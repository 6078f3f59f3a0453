using DialNexa.Functions.Handoff;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>The orchestrations as <c>[OrchestrationTrigger]</c> functions, each running the orchestrator class the self-host runs.</summary>
internal sealed class OrchestratorFunctions
{
    [Function(nameof(CallHandoffOrchestrator))]
    public Task<CallStatusSnapshot> CallHandoff([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CallHandoffOrchestrator().RunAsync(context, context.GetInput<CallHandoffInput>()!);
    }

    [Function(nameof(ActionRerunOrchestrator))]
    public Task<ActionRerunStatus> ActionRerun([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ActionRerunOrchestrator().RunAsync(context, context.GetInput<ActionRerunInput>()!);
    }

    [Function(nameof(LateDeliveryOrchestrator))]
    public Task<CallStatusSnapshot> LateDelivery([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new LateDeliveryOrchestrator().RunAsync(context, context.GetInput<LateDeliveryInput>()!);
    }
}
