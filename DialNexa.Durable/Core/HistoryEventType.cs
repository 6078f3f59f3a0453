namespace DialNexa.Durable.Core;

/// <summary>The kinds of history event, named as in the Durable Task Framework.</summary>
public enum HistoryEventType
{
    ExecutionStarted,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    TimerCreated,
    TimerFired,
    OrchestratorStarted,
    OrchestratorCompleted,
    EventRaised,
    ContinueAsNew,
    ExecutionSuspended,
    ExecutionResumed,
}
