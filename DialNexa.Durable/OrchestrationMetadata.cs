using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;

namespace DialNexa.Durable;

/// <summary>An instance's status as a client sees it, with its serialized input, output and custom status.</summary>
public sealed class OrchestrationMetadata
{
    internal OrchestrationMetadata(InstanceRecord record)
    {
        Name = record.Name;
        InstanceId = record.InstanceId;
        RuntimeStatus = record.Status;
        CreatedAt = record.CreatedAt;
        LastUpdatedAt = record.LastUpdatedAt;
        SerializedInput = record.Input;
        SerializedOutput = record.Output;
        SerializedCustomStatus = record.CustomStatus;
        FailureDetails = record.Failure;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; }

    public DateTime CreatedAt { get; }

    public DateTime LastUpdatedAt { get; }

    public string? SerializedInput { get; }

    public string? SerializedOutput { get; }

    public string? SerializedCustomStatus { get; }

    public TaskFailureDetails? FailureDetails { get; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(SerializedCustomStatus);
}
