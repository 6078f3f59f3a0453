using DialNexa.DurableTask.Sqlite.Dispatch;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// One episode's outcome, serialized on the dispatcher's thread before it is queued for the writer (the single writer's
/// time is the store's throughput).
/// </summary>
internal sealed class OrchestrationCheckpoint
{
    public required string InstanceId { get; init; }

    /// <summary>The execution the episode ran on; the instance row must still have it, or the checkpoint is stale.</summary>
    public required string? ExpectedExecutionId { get; init; }

    /// <summary>The execution after the episode (a new one after ContinueAsNew).</summary>
    public required string? ExecutionId { get; init; }

    public bool ContinuedAsNew => ExpectedExecutionId is not null && ExecutionId is not null && !string.Equals(ExpectedExecutionId, ExecutionId, StringComparison.Ordinal);

    /// <summary>Position of the first new event in the execution's history.</summary>
    public required int HistoryPosition { get; init; }

    /// <summary>The new events as one stored value (see <see cref="StoredFormat"/>), or null when there are none.</summary>
    public required StoredValue? NewHistory { get; init; }

    public required int NewEventCount { get; init; }

    /// <summary>
    /// Nothing the instance's row shows changed (still Running, same custom status, no output): the row is not rewritten,
    /// only checked to still hold this execution. Saves a random page per episode.
    /// </summary>
    public required bool RowUnchanged { get; init; }

    /// <summary>The runtime state's event list (not copied), for the in-memory cache; its first <see cref="HistoryLength"/> events are this commit's.</summary>
    public required IList<HistoryEvent> History { get; init; }

    public required int HistoryLength { get; init; }

    public required OrchestrationState? State { get; init; }

    public required string? FailureJson { get; init; }

    public required string? TagsJson { get; init; }

    public required long[] ConsumedMessageIds { get; init; }

    public required List<(TaskMessage Message, StoredValue Stored)> Activities { get; init; }

    /// <summary>Sub-orchestration starts, events and completions for other instances (or itself).</summary>
    public required List<(TaskMessage Message, StoredValue Stored)> Messages { get; init; }

    public required List<(TaskMessage Message, StoredValue Stored, DateTime FireAt)> Timers { get; init; }

    public static OrchestrationCheckpoint Build(
        SqliteOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newState,
        IList<TaskMessage> activities,
        IList<TaskMessage> messages,
        IList<TaskMessage> timers,
        OrchestrationState? state)
    {
        var executionId = newState.OrchestrationInstance?.ExecutionId;
        var newEvents = newState.NewEvents;
        return new OrchestrationCheckpoint
        {
            InstanceId = workItem.InstanceId,
            ExpectedExecutionId = workItem.OrchestrationRuntimeState?.OrchestrationInstance?.ExecutionId ?? executionId,
            ExecutionId = executionId,
            HistoryPosition = newState.Events.Count - newEvents.Count,
            NewHistory = newEvents.Count > 0 ? StoredFormat.WriteEvents([.. newEvents]) : null,
            NewEventCount = newEvents.Count,
            RowUnchanged = state is not null
                && state.OrchestrationStatus == OrchestrationStatus.Running
                && workItem.PersistedStatus == OrchestrationStatus.Running
                && string.Equals(state.Status, workItem.PersistedCustomStatus, StringComparison.Ordinal)
                && state.Output is null
                && state.FailureDetails is null
                && string.Equals(workItem.OrchestrationRuntimeState?.OrchestrationInstance?.ExecutionId, executionId, StringComparison.Ordinal),
            History = newState.Events,
            HistoryLength = newState.Events.Count,
            State = state,
            FailureJson = state?.FailureDetails is { } failure ? StoredJson.Serialize(failure) : null,
            TagsJson = state?.Tags is { Count: > 0 } tags ? StoredJson.Serialize(tags) : null,
            ConsumedMessageIds = [.. workItem.Current.Select(m => m.Id), .. workItem.Dropped],
            Activities = [.. activities.Select(m => (m, StoredFormat.WriteMessage(m)))],
            Messages = [.. messages.Select(m => (m, StoredFormat.WriteMessage(m)))],
            Timers = [.. timers.Select(m => (m, StoredFormat.WriteMessage(m), ((TimerFiredEvent)m.Event).FireAt))],
        };
    }
}
