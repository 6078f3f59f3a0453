using System.Text.Json.Serialization;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// Work a checkpoint sends out, committed in the checkpoint's own batch (the outbox row) and carried out after it:
/// an activity to queue, a message row to write (to this instance or another) with its wake-up, a child to create,
/// or an old execution's history to delete. Each is idempotent, so carrying it out twice changes nothing.
/// </summary>
internal sealed record OutboxItem
{
    [JsonPropertyName("k")]
    public required OutboxKind Kind { get; init; }

    [JsonPropertyName("i")]
    public required string InstanceId { get; init; }

    /// <summary>Message rows: the row key, fixed at commit so a repeat overwrites the same row.</summary>
    [JsonPropertyName("r")]
    public string? RowKey { get; init; }

    /// <summary>Activities, messages: the serialized event.</summary>
    [JsonPropertyName("e")]
    public string? Event { get; init; }

    /// <summary>Activities: the execution that scheduled it; messages: the execution the message is for (stale otherwise).</summary>
    [JsonPropertyName("x")]
    public string? ExecutionId { get; init; }

    /// <summary>Message order (ticks), fixed at commit.</summary>
    [JsonPropertyName("t")]
    public long Order { get; init; }

    /// <summary>Timers: when the message becomes due.</summary>
    [JsonPropertyName("v")]
    public DateTime? VisibleAt { get; init; }

    /// <summary>Children: the instance to create.</summary>
    [JsonPropertyName("c")]
    public ChildInstance? Child { get; init; }

    public static HistoryEvent ReadEvent(string json) => DurableJson.DeserializeEvent(json);
}
