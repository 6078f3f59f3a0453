using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>An orchestration message committed to the store, as held in memory until an episode consumes it.</summary>
internal sealed class QueuedMessage(long id, TaskMessage message, DateTime visibleAt, int failedAttempts)
{
    public long Id { get; } = id;

    public TaskMessage Message { get; } = message;

    public string InstanceId => Message.OrchestrationInstance.InstanceId;

    /// <summary>The execution the sender addressed, or null for "whichever execution is current".</summary>
    public string? ExecutionId => string.IsNullOrEmpty(Message.OrchestrationInstance.ExecutionId) ? null : Message.OrchestrationInstance.ExecutionId;

    /// <summary>When the message may be handed out: a timer's FireAt, a scheduled start's time, otherwise its commit.</summary>
    public DateTime VisibleAt { get; } = visibleAt;

    public bool IsStart => Message.Event is ExecutionStartedEvent;

    /// <summary>Attempts that failed (abandoned by the runtime, not counting the store's own failures to commit).</summary>
    public int FailedAttempts { get; set; } = failedAttempts;

    /// <summary>Handed to its instance's queue already (a delayed start can be delivered early, by a terminate).</summary>
    public bool Delivered { get; set; }
}
