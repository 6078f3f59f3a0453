using System.Text.Json.Nodes;

namespace DialNexa.Functions.Providers.Http;

/// <summary>
/// One HTTP call to a provider, before credentials are added. <see cref="SafeToRetry"/> marks reads, version-guarded
/// updates and writes whose dedupe key makes a repeat harmless; only those are retried.
/// </summary>
public sealed record ProviderCall(HttpMethod Method, string Path, JsonNode? Body = null, bool SafeToRetry = false)
{
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
}
