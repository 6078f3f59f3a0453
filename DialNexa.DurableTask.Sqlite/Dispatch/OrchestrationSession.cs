using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// An extended session: the dispatcher keeps the orchestration (and its executor) in memory and asks here for the
/// instance's next messages, which the store hands over as soon as they are committed, instead of the instance going
/// back to the ready queue for a reload and a full replay.
/// </summary>
internal sealed class OrchestrationSession(Func<SqliteOrchestrationWorkItem, Task<IList<TaskMessage>?>> fetch, SqliteOrchestrationWorkItem sessionWorkItem) : IOrchestrationSession
{
    /// <summary>The session's own work item is the one the runtime passes back; the store keeps its own reference.</summary>
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem) => fetch(sessionWorkItem);

    /// <summary>Nothing to do: the runtime releases the work item next, which unlocks the instance.</summary>
    public Task EndSessionAsync() => Task.CompletedTask;
}
