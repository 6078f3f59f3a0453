using DialNexa.DurableTask.SelfHost;
using DurableTask.Core;

namespace DialNexa.Functions.Tests.Support;

/// <summary>
/// An orchestration service that passes everything to a real one, except a commit a test chooses to fail: as if the
/// host died between doing the work and committing it. The runtime then abandons the work item and hands it out again.
/// </summary>
internal sealed class FaultyOrchestrationService(IOrchestrationService inner) : DelegatingOrchestrationService(inner)
{
    /// <summary>Return true to make this activity's completion fail (the activity ran; its result is not committed).</summary>
    public Func<TaskActivityWorkItem, bool> FailActivityCompletion { get; init; } = _ => false;

    public override Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        FailActivityCompletion(workItem)
            ? throw new IOException("Injected: the activity's result could not be committed.")
            : base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
}
