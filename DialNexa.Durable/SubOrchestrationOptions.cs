namespace DialNexa.Durable;

/// <summary>Options for a sub-orchestration: its instance ID (default: a replay-safe new GUID) and retries.</summary>
public sealed class SubOrchestrationOptions(string? instanceId = null, RetryPolicy? retry = null) : TaskOptions(retry)
{
    public string? InstanceId { get; } = instanceId;
}
