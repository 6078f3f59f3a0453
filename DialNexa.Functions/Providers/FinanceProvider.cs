using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers;

/// <summary>
/// What every provider client shares: dry run (render the write, send nothing), configuration checks that name the
/// missing setting, secrets resolved once (Key Vault references included), and errors mapped to outcomes.
/// </summary>
public abstract partial class FinanceProvider : IFinanceProvider
{
    /// <summary>Dry run renders with this client and never sends through it.</summary>
    private static readonly HttpClient RenderOnly = new();

    private readonly IHttpClientFactory _httpClients;
    private readonly ISecretResolver _secrets;
    private readonly SemaphoreSlim _transportGate = new(1, 1);
    private ProviderTransport? _transport;
    private ProviderTransport? _dryRunTransport;

    protected FinanceProvider(ProviderName name, ProviderOptions options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    {
        Name = name;
        Options = options;
        _httpClients = httpClients;
        _secrets = secrets;
        Outbox = outbox;
    }

    public ProviderName Name { get; }

    public ProviderMode Mode => Options.Mode;

    public bool IsConfigured => ProviderRequirements.MissingSetting(Name, Options) is null;

    public abstract IReadOnlyCollection<ProviderActionKind> SupportedActions { get; }

    protected ProviderOptions Options { get; }

    protected IActionOutbox Outbox { get; }

    protected abstract string DefaultBaseUrl { get; }

    public async Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (!IsConfigured)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotConfigured, [], $"{ProviderRequirements.MissingSetting(Name, Options)} is not set: no lookup.");
        }

        try
        {
            return await LookupAsync(lookup, await TransportAsync(cancellationToken), cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.Failed, [], ex.Message);
        }
    }

    public async Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SupportedActions.Contains(request.Kind))
        {
            return Result(request, ProviderActionOutcome.Invalid, message: $"{Name} does not carry out {request.Kind}.");
        }

        if (Validate(request) is { } problem)
        {
            return Result(request, ProviderActionOutcome.Invalid, message: problem);
        }

        if (Mode == ProviderMode.DryRun)
        {
            var transport = DryRunTransport();
            return Result(request, ProviderActionOutcome.DryRun, transport.Render(PlannedWrite(request)), message: "Dry run: rendered, not sent.");
        }

        if (ProviderRequirements.MissingSetting(Name, Options) is { } missing)
        {
            return Result(request, ProviderActionOutcome.NotConfigured, message: $"{missing} is not set.", settingToFix: missing);
        }

        try
        {
            return await LiveAsync(request, await TransportAsync(cancellationToken), cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return Result(request, ProviderActionOutcome.Transient, message: ex.Message);
        }
    }

    /// <summary>A sentence saying which field the action needs and lacks, or null.</summary>
    protected abstract string? Validate(ProviderActionRequest request);

    /// <summary>The write the action would send (lookups skipped; their results shown as placeholders).</summary>
    protected abstract ProviderCall PlannedWrite(ProviderActionRequest request);

    protected abstract Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken);

    protected abstract Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken);

    /// <summary>Headers, secret query parameters and secret values, from resolved credentials.</summary>
    protected abstract (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved);

    /// <summary>Where calls go: BaseUrl when set, else the provider's production URL.</summary>
    protected virtual Uri BaseUrl(Func<string?, string?> resolved) => new(string.IsNullOrWhiteSpace(Options.BaseUrl) ? DefaultBaseUrl : Options.BaseUrl);

    protected ProviderActionResult Result(
        ProviderActionRequest request,
        ProviderActionOutcome outcome,
        RenderedRequest? sent = null,
        string? recordId = null,
        string? recordUrl = null,
        JsonNode? oldValue = null,
        JsonNode? newValue = null,
        string? message = null,
        string? settingToFix = null) => new()
        {
            Provider = Name,
            Kind = request.Kind,
            Mode = Mode,
            Outcome = outcome,
            Request = sent,
            RecordId = recordId,
            RecordUrl = recordUrl,
            OldValue = oldValue?.ToJsonString(),
            NewValue = newValue?.ToJsonString(),
            Message = message,
            SettingToFix = settingToFix,
        };

    /// <summary>Maps a refused call to an outcome: 404 not found, 409 conflict, 400/422 invalid, 401/403 configuration, else transient.</summary>
    protected ProviderActionResult Failure(ProviderActionRequest request, ProviderReply reply, string credentialSetting)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var message = ErrorMessage(reply);
        return reply.Status switch
        {
            404 => Result(request, ProviderActionOutcome.NotFound, reply.Request, message: message),
            409 => Result(request, ProviderActionOutcome.Conflict, reply.Request, message: message),
            400 or 422 or (>= 200 and < 300) => Result(request, ProviderActionOutcome.Invalid, reply.Request, message: message),
            401 or 403 or 406 => Result(request, ProviderActionOutcome.NotConfigured, reply.Request, message: $"{Name} refused the credentials ({reply.Status}): {message}", settingToFix: $"Providers:{Name}:{credentialSetting}"),
            _ => Result(request, ProviderActionOutcome.Transient, reply.Request, message: $"{Name} answered {reply.Status}: {message}"),
        };
    }

    /// <summary>The provider's own error message from its error body, whatever its shape.</summary>
    protected static string ErrorMessage(ProviderReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var json = reply.Json;
        var message = json switch
        {
            JsonObject o when o["message"] is JsonValue m => m.ToString(),
            JsonObject o when o["Message"] is JsonValue m => m.ToString(),
            JsonObject o when o["errors"] is JsonArray { Count: > 0 } e => string.Join("; ", e.Select(x => x?["message"]?.ToString() ?? x?.ToString())),
            JsonObject o when o["data"]?["message"] is JsonValue m => m.ToString(),
            JsonObject o when o["detail"] is JsonValue d => d.ToString(),
            JsonObject o when o["title"] is JsonValue t => t.ToString(),
            JsonArray a when a.Count > 0 => string.Join("; ", a.Select(x => x?["Message"]?.ToString() ?? x?.ToString())),
            _ => reply.Text,
        };
        if (string.IsNullOrWhiteSpace(message))
        {
            // An empty error body (Paystack sends some 422s without one): say what is known rather than nothing.
            var path = Uri.TryCreate(reply.Request.Url, UriKind.Absolute, out var url) ? url.AbsolutePath : "the request";
            return $"no error details in the response (HTTP {reply.Status} to {reply.Request.Method} {path})";
        }

        return message.Length > 300 ? message[..300] + "…" : message;
    }

    /// <summary>A short stable token from a key (for provider fields that must be unique per call and action).</summary>
    protected static string StableToken(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    protected static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    private async Task<ProviderTransport> TransportAsync(CancellationToken cancellationToken)
    {
        if (_transport is not null)
        {
            return _transport;
        }

        await _transportGate.WaitAsync(cancellationToken);
        try
        {
            if (_transport is null)
            {
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (setting, read) in ProviderRequirements.For(Name).Append(("ApiKey", o => o.ApiKey)).Append(("SecretKey", o => o.SecretKey)).Append(("AccessToken", o => o.AccessToken)).Append(("AgentKey", o => o.AgentKey)).Append(("WebhookUrl", o => o.WebhookUrl)))
                {
                    var raw = read(Options);
                    if (raw is not null && !values.ContainsKey(raw))
                    {
                        values[raw] = await _secrets.ResolveAsync(raw, cancellationToken);
                    }
                }

                _transport = Build(raw => raw is null ? null : values.TryGetValue(raw, out var v) ? v : raw, _httpClients.CreateClient("provider-" + Name));
            }

            return _transport;
        }
        finally
        {
            _transportGate.Release();
        }
    }

    /// <summary>Built once: dry run renders every action of a call, and building the resilience pipelines is not free.</summary>
    private ProviderTransport DryRunTransport() => _dryRunTransport ??= Build(_ => ProviderTransport.Mask, RenderOnly);

    private ProviderTransport Build(Func<string?, string?> resolved, HttpClient http)
    {
        var (headers, query, secrets) = Credentials(resolved);
        var baseUrl = BaseUrl(resolved);
        return new ProviderTransport(http, baseUrl, headers, query, secrets, TimeSpan.FromSeconds(Math.Max(1, Options.TimeoutSeconds)), Options.MaxRetries);
    }
}
