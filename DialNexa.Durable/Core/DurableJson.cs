using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialNexa.Durable.Core;

/// <summary>JSON settings for inputs, outputs and events (web defaults), and the source-generated history format.</summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type)
    {
        if (json is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));

    public static string SerializeEvent(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, HistoryJsonContext.Default.HistoryEvent);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.HistoryEvent)
        ?? throw new InvalidDataException("A stored history event is empty.");

    /// <summary>The events of a UTF-8 JSON array of events, or the one event of a JSON object.</summary>
    public static IReadOnlyList<HistoryEvent> DeserializeEvents(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read())
        {
            throw new InvalidDataException("A stored history row is empty.");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [DeserializeEvent(utf8Json)];
        }

        var events = new List<HistoryEvent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            events.Add(JsonSerializer.Deserialize(ref reader, HistoryJsonContext.Default.HistoryEvent) ?? throw new InvalidDataException("A stored history event is empty."));
        }

        return events;
    }

    /// <summary>A history event from its UTF-8 JSON, as the embedded store keeps it.</summary>
    public static HistoryEvent DeserializeEvent(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, HistoryJsonContext.Default.HistoryEvent)
        ?? throw new InvalidDataException("A stored history event is empty.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
