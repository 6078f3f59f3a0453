using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialNexa.Functions.Json;

/// <summary>
/// The app's one JSON shape for what it stores and exchanges: web defaults (camelCase), enums by name. Orchestration
/// inputs, outputs and events use it too (through the durable data converter), so a stored value reads back the same
/// on either host.
/// </summary>
public static class AppJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<T>(utf8Json, Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
