using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>
/// Everything one episode produced, committed atomically: new history, the instance's new state, the consumed
/// messages, and the work it sends out (activities, timers, sub-orchestrations, messages to other instances).
/// </summary>
public sealed record OrchestrationCheckpoint
{
    public required InstanceRecord Instance { get; init; }

    /// <summary>Number of history events already committed before this episode (the new ones follow).</summary>
    public required int PreviousHistoryLength { get; init; }

    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    public required IReadOnlyList<OrchestrationMessage> ConsumedMessages { get; init; }

    /// <summary>TaskScheduled events for the activities to run.</summary>
    public IReadOnlyList<HistoryEvent> NewActivities { get; init; } = [];

    /// <summary>TimerFired events to deliver to this instance at their FireAt.</summary>
    public IReadOnlyList<HistoryEvent> NewTimers { get; init; } = [];

    /// <summary>Sub-orchestrations to create.</summary>
    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];

    /// <summary>Messages to other instances (a child's result to its parent).</summary>
    public IReadOnlyList<OrchestrationMessage> OutboundMessages { get; init; } = [];

    /// <summary>When set, the history is cleared and the instance restarts with this execution (ContinueAsNew).</summary>
    public NewInstance? ContinueAsNew { get; init; }
}
