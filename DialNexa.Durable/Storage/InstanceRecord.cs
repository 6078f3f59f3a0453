using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>An instance's row: identity, status, serialized input/output/custom status, failure, times.</summary>
public sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime LastUpdatedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    public ParentInstance? Parent { get; init; }
}
