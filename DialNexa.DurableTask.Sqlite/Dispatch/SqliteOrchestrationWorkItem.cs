using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>An orchestration work item with what the store needs to finish it: which committed messages it consumes.</summary>
internal sealed class SqliteOrchestrationWorkItem(InstanceQueue queue, int generation) : TaskOrchestrationWorkItem
{
    public InstanceQueue Queue { get; } = queue;

    /// <summary>The queue's generation when the work item was taken.</summary>
    public int Generation { get; } = generation;

    /// <summary>The messages of the episode being processed (the last batch handed out).</summary>
    public List<QueuedMessage> Current { get; set; } = [];

    /// <summary>Messages dropped on the way in (another execution's), deleted with the next checkpoint.</summary>
    public List<long> Dropped { get; } = [];

    /// <summary>The status the instance's row holds (the row is rewritten only when the status or custom status changes).</summary>
    public OrchestrationStatus? PersistedStatus { get; set; }

    /// <summary>The custom status the instance's row holds.</summary>
    public string? PersistedCustomStatus { get; set; }

    /// <summary>The last attempt failed because the store could not commit; an abandon then does not count it against the messages.</summary>
    public bool StoreFailed { get; set; }

    /// <summary>
    /// The last episode scheduled no activity and no sub-orchestration: the instance waits for the outside (an event, a
    /// timer), maybe for hours, not for work this host is about to finish.
    /// </summary>
    public bool AwaitsOutside { get; set; }
}
