using System.Text.Json.Serialization;

namespace DialNexa.Durable.Core;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = false)]
[JsonSerializable(typeof(HistoryEvent))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
