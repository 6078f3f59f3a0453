using System.Text.Json.Serialization;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>The body of a work-item queue message: the activity's TaskScheduled event, inline or (when large) by reference.</summary>
internal sealed record ActivityMessage(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("x")] string ExecutionId,
    [property: JsonPropertyName("e")] string? Event,
    [property: JsonPropertyName("l")] string? LargeKey);
