using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DialNexa.Functions.Providers.Http;

/// <summary>
/// Sends provider calls with resilience: a per-attempt timeout, a circuit breaker, and, for calls safe to repeat,
/// retries with jittered backoff that honour <c>Retry-After</c> and <c>x-ratelimit-reset</c>. Renders every request
/// with secrets masked (headers, query-string keys, webhook URLs) for dry run and the audit trail.
/// </summary>
public sealed class ProviderTransport
{
    public const string Mask = "***";
    private static readonly System.Text.Json.JsonSerializerOptions BodyJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _secretQuery;
    private readonly IReadOnlySet<string> _secrets;
    private readonly ResiliencePipeline<HttpResponseMessage> _retrying;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;

    public ProviderTransport(HttpClient http, Uri baseUrl, IReadOnlyDictionary<string, string> headers, IReadOnlyList<KeyValuePair<string, string>> secretQuery, IEnumerable<string?> secrets, TimeSpan timeout, int maxRetries)
    {
        _http = http;
        _baseUrl = baseUrl;
        _headers = headers;
        _secretQuery = secretQuery;
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
        var breaker = new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 8,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        };
        _once = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(breaker)
            .AddTimeout(timeout)
            .Build();
        // MaxRetries 0 means no retries at all (Polly's retry strategy needs at least one attempt).
        _retrying = maxRetries <= 0 ? _once : new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Result)),
            })
            .AddCircuitBreaker(breaker)
            .AddTimeout(timeout)
            .Build();
    }

    /// <summary>The request exactly as it is (or would be) sent, with every secret replaced by <see cref="Mask"/>.</summary>
    public RenderedRequest Render(ProviderCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = call.Query.Concat(_secretQuery.Select(q => new KeyValuePair<string, string>(q.Key, Mask)));
        var headers = _headers.ToDictionary(h => h.Key, h => MaskText(h.Value, header: true));
        if (call.Body is not null)
        {
            headers["Content-Type"] = "application/json";
        }

        return new RenderedRequest(call.Method.Method, MaskText(BuildUrl(call.Path, query).ToString(), header: false).Replace("%2A%2A%2A", Mask, StringComparison.Ordinal), headers, call.Body is null ? null : MaskText(call.Body.ToJsonString(BodyJson), header: false));
    }

    public async Task<ProviderReply> SendAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var rendered = Render(call);
        var url = BuildUrl(call.Path, call.Query.Concat(_secretQuery));
        try
        {
            var pipeline = call.SafeToRetry ? _retrying : _once;
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(call.Method, url);
                    foreach (var (name, value) in _headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    if (call.Body is not null)
                    {
                        request.Content = new StringContent(call.Body.ToJsonString(BodyJson), Encoding.UTF8, "application/json");
                    }

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            if (text.Length > 0 && (text[0] is '{' or '['))
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException)
                {
                    // A non-JSON body is kept as text.
                }
            }

            return new ProviderReply((int)response.StatusCode, json, MaskText(text, header: false), rendered, ServerDelay(response));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException($"{call.Method} {rendered.Url} failed: {MaskText(ex.Message, header: false)}", ex) { NotSent = NeverSent(ex) };
        }
    }

    /// <summary>
    /// Whether a failure happened before the request could reach the provider: an open circuit, or a connection that
    /// was never established. A timeout or a connection lost mid-exchange may follow a request the provider received.
    /// </summary>
    private static bool NeverSent(Exception ex) => ex switch
    {
        BrokenCircuitException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => true,
        _ => false,
    };

    private Uri BuildUrl(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder(path.Length == 0 ? _baseUrl.ToString() : _baseUrl.ToString().TrimEnd('/') + "/" + path.TrimStart('/'));
        var separator = builder.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (key, value) in query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString());
    }

    private string MaskText(string text, bool header)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            text = text.Replace(Uri.EscapeDataString(secret), Mask, StringComparison.Ordinal);
        }

        return header && text.StartsWith("Basic ", StringComparison.Ordinal) ? "Basic " + Mask : text;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout;

    /// <summary>The wait a server asked for: Retry-After (seconds or date) or Paystack's x-ratelimit-reset, capped at 30 s.</summary>
    private static TimeSpan? ServerDelay(HttpResponseMessage? response)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            RetryConditionHeaderValue { Delta: { } delta } => delta,
            RetryConditionHeaderValue { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
        if (wait is null && response.Headers.TryGetValues("x-ratelimit-reset", out var values) && double.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        return wait is { } value ? (value < TimeSpan.Zero ? TimeSpan.Zero : value > MaxServerDelay ? MaxServerDelay : value) : null;
    }
}
