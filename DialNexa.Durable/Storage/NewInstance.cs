namespace DialNexa.Durable.Storage;

/// <summary>A new instance to create: by a client start, or by an orchestration starting a sub-orchestration.</summary>
public sealed record NewInstance
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public string? Input { get; init; }

    public Core.ParentInstance? Parent { get; init; }

    /// <summary>Statuses of an existing instance that block the start; any other existing instance is replaced.</summary>
    public required IReadOnlySet<OrchestrationRuntimeStatus> DedupeStatuses { get; init; }

    /// <summary>Claim-check payloads committed with the instance (for example a webhook's raw body).</summary>
    public IReadOnlyList<StoredPayload> Payloads { get; init; } = [];

    /// <summary>Events to deliver after ExecutionStarted (raised with the start, or carried over by ContinueAsNew).</summary>
    public IReadOnlyList<Core.HistoryEvent> InitialEvents { get; init; } = [];
}
