using DialNexa.Durable.Core;

namespace DialNexa.Durable.Execution;

/// <summary>A step the orchestrator's code scheduled: its history event, and the task it completes.</summary>
internal sealed record ScheduledAction(HistoryEvent Event, NewInstanceRequest? Child, Action<HistoryEvent> Complete)
{
    public int Id => Event.EventId;
}
