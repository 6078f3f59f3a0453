using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>
/// Reads the status of a DurableTask.AzureStorage instance whose Instances row may lag its history: a Pending row, or
/// a Running row nobody has updated for <see cref="QuietRunningRow"/>.
/// </summary>
/// <remarks>
/// DurableTask.AzureStorage commits an episode's history before it updates the instance's row, and the two are not one
/// transaction. A host that dies between them leaves the row behind:
/// <list type="bullet">
/// <item>after the first episode, the row stays Pending. Later episodes merge their custom status into it but set the
/// runtime status only when their own events start or end the execution, so it reads Pending while the instance runs
/// (waits for an approval, say) until it ends;</item>
/// <item>after the last episode, the row stays Running though the instance completed (a known issue of the provider,
/// Azure/durabletask#1252), until some later message for the instance makes the provider repair it.</item>
/// </list>
/// The history is the truth, so those rows are read again from it. Only such rows pay for the extra read, and only on
/// this provider; the SQLite provider commits history and status in one transaction.
/// </remarks>
internal static class LaggingRowCorrection
{
    /// <summary>A Running row this long unchanged is checked against the history; a busy instance updates it sooner.</summary>
    public static readonly TimeSpan QuietRunningRow = TimeSpan.FromSeconds(30);

    public static bool Applies(IOrchestrationServiceClient client, OrchestrationState? state) =>
        client is AzureStorageOrchestrationService
        && state is { OrchestrationInstance.ExecutionId: { Length: > 0 } }
        && (state.OrchestrationStatus == CoreStatus.Pending
            || (state.OrchestrationStatus == CoreStatus.Running && DateTime.UtcNow - state.LastUpdatedTime > QuietRunningRow));

    /// <summary>
    /// Sets <paramref name="state"/>'s status (and, for an ended execution, its output and end) to what the history of
    /// the row's execution shows. The provider returns only that execution's events when asked for it by ID; a row
    /// whose execution has no ExecutionStarted event yet is left as it is.
    /// </summary>
    public static void Correct(OrchestrationState state, IReadOnlyList<HistoryEvent> history)
    {
        if (!history.OfType<ExecutionStartedEvent>().Any())
        {
            return;
        }

        var status = CoreStatus.Running;
        foreach (var historyEvent in history)
        {
            switch (historyEvent)
            {
                case ExecutionCompletedEvent completed:
                    status = completed.OrchestrationStatus;
                    state.Output = completed.Result;
                    state.FailureDetails = completed.FailureDetails;
                    state.CompletedTime = completed.Timestamp;
                    break;
                case ExecutionTerminatedEvent terminated:
                    status = CoreStatus.Terminated;
                    state.Output = terminated.Input;
                    state.CompletedTime = terminated.Timestamp;
                    break;
                case ExecutionSuspendedEvent when status == CoreStatus.Running:
                    status = CoreStatus.Suspended;
                    break;
                case ExecutionResumedEvent when status == CoreStatus.Suspended:
                    status = CoreStatus.Running;
                    break;
            }
        }

        state.OrchestrationStatus = status;
    }
}
