using System.Text.Json.Serialization;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>A sub-orchestration to create, as kept in an outbox row (its execution ID makes the create recognisable on a repeat).</summary>
internal sealed record ChildInstance(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("x")] string ExecutionId,
    [property: JsonPropertyName("in")] string? Input,
    [property: JsonPropertyName("p")] ParentInstance? Parent);
