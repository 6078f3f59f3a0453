using System.Text.Json.Serialization;

namespace DialNexa.Durable.Core;

/// <summary>The orchestration that started a sub-orchestration, and the step it waits on.</summary>
public sealed record ParentInstance(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("s")] int TaskScheduledId);
