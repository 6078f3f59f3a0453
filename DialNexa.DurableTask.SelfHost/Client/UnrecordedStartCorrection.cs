using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>
/// Reads the status of a DurableTask.AzureStorage instance whose Instances row still says Pending from its history.
/// </summary>
/// <remarks>
/// DurableTask.AzureStorage commits an episode's history before it updates the instance's row, and the two are not one
/// transaction. A host that dies between them leaves a started instance's row at Pending; the next episodes merge
/// their custom status into the row but set its runtime status only when their own events start or end the execution,
/// so the row says Pending until the instance completes while it in fact runs (waits for an event, for instance). The
/// history is the truth: an execution with an ExecutionStarted event has started. Only a Pending row pays for the extra
/// read, and only on this provider; the SQLite provider commits history and status together.
/// </remarks>
internal static class UnrecordedStartCorrection
{
    public static bool Applies(IOrchestrationServiceClient client, OrchestrationState? state) =>
        client is AzureStorageOrchestrationService && state is { OrchestrationStatus: CoreStatus.Pending, OrchestrationInstance.ExecutionId: { Length: > 0 } };

    /// <summary>
    /// The status the history of the row's execution shows (the provider returns only that execution's events when
    /// asked for it by ID); the row's own when that execution never started.
    /// </summary>
    public static CoreStatus StatusFrom(OrchestrationState state, IReadOnlyList<HistoryEvent> history)
    {
        if (!history.OfType<ExecutionStartedEvent>().Any())
        {
            return state.OrchestrationStatus;
        }

        var status = CoreStatus.Running;
        foreach (var historyEvent in history)
        {
            status = historyEvent switch
            {
                ExecutionCompletedEvent completed => completed.OrchestrationStatus,
                ExecutionTerminatedEvent => CoreStatus.Terminated,
                ExecutionSuspendedEvent when status == CoreStatus.Running => CoreStatus.Suspended,
                ExecutionResumedEvent when status == CoreStatus.Suspended => CoreStatus.Running,
                _ => status,
            };
        }

        return status;
    }
}
