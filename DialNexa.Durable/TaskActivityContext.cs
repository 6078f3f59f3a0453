namespace DialNexa.Durable;

/// <summary>What an activity knows of its invocation.</summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int taskId, int attempt, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        DeliveryCount = attempt;
        CancellationToken = cancellationToken;
    }

    public string Name { get; }

    /// <summary>The orchestration instance that scheduled this activity.</summary>
    public string InstanceId { get; }

    /// <summary>The scheduling step within the orchestration; with <see cref="InstanceId"/> a stable dedupe key.</summary>
    public int TaskId { get; }

    /// <summary>How many times this work item has been handed to a worker, this time included (1 normally).</summary>
    public int DeliveryCount { get; }

    /// <summary>Signalled when the host shuts down.</summary>
    public CancellationToken CancellationToken { get; }
}
