using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// Which codec writes and reads the rows that hold history events and task messages (history.events, messages.message,
/// activities.message). This build writes <see cref="CompactJson"/> blobs, and the first codec's text only for a value
/// the compact one does not represent. It reads both, by the row's storage class: a BLOB is compact JSON (its first byte
/// names the format version), TEXT is the first codec's Newtonsoft JSON, as every row written before schema version 2 is.
/// </summary>
internal static class StoredFormat
{
    public static StoredValue WriteEvents(IReadOnlyList<HistoryEvent> events) =>
        CompactJson.TryEncode(events) is { } blob ? new StoredValue(blob, null) : new StoredValue(null, StoredJson.SerializeEvents(events));

    public static StoredValue WriteMessage(TaskMessage message) =>
        CompactJson.TryEncode(message) is { } blob ? new StoredValue(blob, null) : new StoredValue(null, StoredJson.Serialize(message));

    /// <summary>A history row's events, from the value a reader returned for its column.</summary>
    public static List<HistoryEvent> ReadEvents(object value) => value switch
    {
        byte[] blob => CompactJson.DecodeEvents(blob),
        string text => StoredJson.DeserializeEvents(text),
        _ => throw new InvalidDataException($"The SQLite orchestration store holds history events as {value.GetType().Name}."),
    };

    /// <summary>A messages or activities row's message, from the value a reader returned for its column.</summary>
    public static TaskMessage ReadMessage(object value) => value switch
    {
        byte[] blob => CompactJson.DecodeMessage(blob),
        string text => StoredJson.Deserialize<TaskMessage>(text),
        _ => throw new InvalidDataException($"The SQLite orchestration store holds a task message as {value.GetType().Name}."),
    };
}
