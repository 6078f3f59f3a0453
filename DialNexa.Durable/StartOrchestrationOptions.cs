using DialNexa.Durable.Storage;

namespace DialNexa.Durable;

/// <summary>How to start an instance: its ID, which existing statuses block the start, payloads committed with it.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance ID; a new GUID when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Statuses of an existing instance with this ID that refuse the start; null means host.json's policy.</summary>
    public IReadOnlySet<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }

    /// <summary>Claim-check payloads written in the same commit as the instance.</summary>
    public IReadOnlyList<StoredPayload> Payloads { get; init; } = [];
}
