using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Sits between a provider client and Prism. Records every exchange with the violations Prism reports: the
/// <c>sl-violations</c> header's error-severity entries, and Prism's own problem+json errors (401 for missing auth, no
/// such path or method). Tests may steer Prism to another declared response (<c>Prefer: code=404</c>) or, once Prism
/// has validated a request, replace the example body it answered with (an empty search result, say).
/// </summary>
public sealed class PrismProbe : DelegatingHandler
{
    private const string PrismErrorType = "https://stoplight.io/prism/errors#";

    public PrismProbe()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
    }

    public ConcurrentQueue<PrismExchange> Exchanges { get; } = new();

    /// <summary>A Prefer header value (for example "code=404") for a request, or null.</summary>
    public Func<HttpRequestMessage, string?> Prefer { get; set; } = _ => null;

    /// <summary>A JSON body to answer with instead of Prism's example (after Prism validated the request), or null.</summary>
    public Func<HttpRequestMessage, string?> ReplaceBody { get; set; } = _ => null;

    public IReadOnlyList<PrismExchange> Violating => [.. Exchanges.Where(e => e.Violations.Count > 0)];

    public string Report() => string.Join("\n", Exchanges);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Prefer(request) is { } prefer)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        var response = await base.SendAsync(request, cancellationToken);
        var violations = new List<string>();
        if (response.Headers.TryGetValues("sl-violations", out var headers))
        {
            foreach (var header in headers)
            {
                using var parsed = JsonDocument.Parse(header);
                foreach (var violation in parsed.RootElement.EnumerateArray())
                {
                    // Only what is wrong with our request counts: a spec whose own example breaks its response schema
                    // (Proabono's customer Metadata, say) is not the client's fault.
                    var location = violation.TryGetProperty("location", out var l) ? string.Join('.', l.EnumerateArray().Select(x => x.ToString())) : "";
                    if (string.Equals(violation.GetProperty("severity").GetString(), "Error", StringComparison.OrdinalIgnoreCase) && !location.StartsWith("response", StringComparison.Ordinal))
                    {
                        violations.Add($"[{location}] {violation.GetProperty("message").GetString()}");
                    }
                }
            }
        }

        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content?.Headers.ContentType?.MediaType == "application/problem+json" && body.Contains(PrismErrorType, StringComparison.Ordinal))
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            violations.Add($"Prism: {Text(root, "title")} {Text(root, "detail")}".Trim());
        }

        Exchanges.Enqueue(new PrismExchange(request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode, violations));
        var replacement = violations.Count == 0 && response.IsSuccessStatusCode ? ReplaceBody(request) : null;
        var content = new StringContent(replacement ?? body, Encoding.UTF8);
        content.Headers.ContentType = response.Content?.Headers.ContentType ?? new MediaTypeHeaderValue("application/json");
        response.Content = content;
        return response;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
