using System.Text.Json.Nodes;

namespace DialNexa.Functions.Providers.Http;

/// <summary>A provider's answer: status, parsed JSON (when the body is JSON), raw text, and the request as sent (masked).</summary>
public sealed record ProviderReply(int Status, JsonNode? Json, string Text, RenderedRequest Request)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
