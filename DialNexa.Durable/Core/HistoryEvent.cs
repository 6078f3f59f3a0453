using System.Text.Json.Serialization;

namespace DialNexa.Durable.Core;

/// <summary>
/// One entry of an orchestration's append-only history, and the body of every message sent to an orchestration.
/// A single flat record keeps storage simple: only the fields a kind uses are set.
/// </summary>
public sealed record HistoryEvent
{
    [JsonPropertyName("t")]
    public required HistoryEventType Type { get; init; }

    /// <summary>When the event was created (UTC).</summary>
    [JsonPropertyName("ts")]
    public required DateTime Timestamp { get; init; }

    /// <summary>For scheduling events: the step number; for results: the step they answer (TaskScheduledId / TimerId).</summary>
    [JsonPropertyName("id")]
    public int EventId { get; init; } = -1;

    /// <summary>Activity, orchestrator or event name.</summary>
    [JsonPropertyName("n")]
    public string? Name { get; init; }

    /// <summary>Serialized input, result, event payload or output.</summary>
    [JsonPropertyName("d")]
    public string? Data { get; init; }

    [JsonPropertyName("f")]
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>Timers: when to fire (UTC).</summary>
    [JsonPropertyName("at")]
    public DateTime? FireAt { get; init; }

    /// <summary>Sub-orchestrations: the child's instance ID; ExecutionStarted: the execution ID.</summary>
    [JsonPropertyName("i")]
    public string? InstanceId { get; init; }

    /// <summary>ExecutionStarted of a child: the parent instance and the step it waits on.</summary>
    [JsonPropertyName("p")]
    public ParentInstance? Parent { get; init; }

    /// <summary>The first event of an execution: its orchestrator, input, execution ID and parent (for a child).</summary>
    public static HistoryEvent ExecutionStarted(DateTime timestamp, string name, string? input, string executionId, ParentInstance? parent) => new()
    {
        Type = HistoryEventType.ExecutionStarted,
        Timestamp = timestamp,
        Name = name,
        Data = input,
        InstanceId = executionId,
        Parent = parent,
    };
}
