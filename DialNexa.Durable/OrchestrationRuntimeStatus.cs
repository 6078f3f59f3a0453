namespace DialNexa.Durable;

/// <summary>The runtime status of an orchestration instance, as Durable Functions names them.</summary>
public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    Failed = 3,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}
