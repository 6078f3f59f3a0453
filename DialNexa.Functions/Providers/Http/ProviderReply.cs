using System.Text.Json.Nodes;

namespace DialNexa.Functions.Providers.Http;

/// <summary>
/// A provider's answer: status, parsed JSON (when the body is JSON), raw text, the request as sent (masked), and the
/// wait the provider asked for (Retry-After or x-ratelimit-reset), when it asked.
/// </summary>
public sealed record ProviderReply(int Status, JsonNode? Json, string Text, RenderedRequest Request, TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
