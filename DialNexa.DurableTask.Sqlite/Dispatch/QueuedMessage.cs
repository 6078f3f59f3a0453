using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// An orchestration message as held in memory until an episode consumes it: either a row of the messages table
/// (positive <see cref="Id"/>), or an activity's result (negative <see cref="Id"/>: minus the activity's ID), which is
/// not written on its own: the checkpoint that consumes it records it in the history and deletes the activity's row in
/// one transaction (until then the activity's row stays, so a crash runs the activity again).
/// </summary>
internal sealed class QueuedMessage(long id, TaskMessage message, DateTime visibleAt, int failedAttempts)
{
    public long Id { get; } = id;

    /// <summary>An activity's result held in memory, not a stored message.</summary>
    public bool IsActivityResult => Id < 0;

    public TaskMessage Message { get; } = message;

    public string InstanceId => Message.OrchestrationInstance.InstanceId;

    /// <summary>The execution the sender addressed, or null for "whichever execution is current".</summary>
    public string? ExecutionId => string.IsNullOrEmpty(Message.OrchestrationInstance.ExecutionId) ? null : Message.OrchestrationInstance.ExecutionId;

    /// <summary>When the message may be handed out: a timer's FireAt, a scheduled start's time, otherwise its commit.</summary>
    public DateTime VisibleAt { get; } = visibleAt;

    public bool IsStart => Message.Event is ExecutionStartedEvent;

    /// <summary>Starts an instance that is not a sub-orchestration: new work, which waits behind running instances while the host is behind (<see cref="StartAdmission"/>).</summary>
    public bool StartsTopLevelInstance => Message.Event is ExecutionStartedEvent { ParentInstance: null };

    /// <summary>Attempts that failed (abandoned by the runtime, not counting the store's own failures to commit).</summary>
    public int FailedAttempts { get; set; } = failedAttempts;

    /// <summary>Handed to its instance's queue already (a delayed start can be delivered early, by a terminate).</summary>
    public bool Delivered { get; set; }

    /// <summary>A timer whose row was deleted before it fired (its execution ended): it is never delivered.</summary>
    public bool Withdrawn { get; set; }
}
