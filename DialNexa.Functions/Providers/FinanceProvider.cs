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

    /// <summary>A provider of <paramref name="name"/> over its own settings; clients come from the factory, secrets through the resolver.</summary>
    protected FinanceProvider(ProviderName name, ProviderOptions options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    {
        Name = name;
        Options = options;
        _httpClients = httpClients;
        _secrets = secrets;
        Outbox = outbox;
    }

    /// <inheritdoc/>
    public ProviderName Name { get; }

    /// <inheritdoc/>
    public ProviderMode Mode => Options.Mode;

    /// <inheritdoc/>
    public bool IsConfigured => Options.MissingSetting() is null;

    /// <inheritdoc/>
    public abstract IReadOnlyCollection<ProviderActionKind> SupportedActions { get; }

    /// <summary>The provider's settings (its own options type, bound from <c>Providers:&lt;Name&gt;</c>).</summary>
    protected ProviderOptions Options { get; }

    /// <summary>Claims and pending-write markers for side effects the provider cannot deduplicate itself.</summary>
    protected IActionOutbox Outbox { get; }

    /// <summary>The production API's base URL, used when <c>BaseUrl</c> is not set.</summary>
    protected abstract string DefaultBaseUrl { get; }

    /// <inheritdoc/>
    public async Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (!IsConfigured)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotConfigured, [], $"{Options.MissingSetting()} is not set: no lookup.");
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

    /// <inheritdoc/>
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

        if (Options.MissingSetting() is { } missing)
        {
            return Result(request, ProviderActionOutcome.NotConfigured, message: $"{missing} is not set.", settingToFix: missing);
        }

        // A write of this action sent earlier without a settled answer changes what a failed read means: not "nothing
        // was written" but "it may have been".
        var pending = GuardsWrites ? await Outbox.PendingAsync(request.CallId, PendingKey(request), cancellationToken) : null;
        ProviderActionResult result;
        try
        {
            result = await LiveAsync(request, await TransportAsync(cancellationToken), cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            result = Result(request, ProviderActionOutcome.Transient, message: ex.Message);
        }

        if (pending is not null)
        {
            var earlier = $"An earlier attempt sent this write {Span(pending.Age)} ago and never got a settled answer";
            if (result.Outcome == ProviderActionOutcome.Transient)
            {
                var left = CommitGrace - pending.Age;
                result = result with
                {
                    Outcome = ProviderActionOutcome.InDoubt,
                    Message = $"{earlier}, and {Name} cannot be read now ({result.Message}); nothing is sent again until it can be.",
                    ProviderHolds = "unknown: " + result.Message,
                    RetryAfter = left > TimeSpan.Zero ? left : null,
                };
            }
            else if (result.Outcome == ProviderActionOutcome.AlreadyDone && result.Message?.Contains("earlier attempt", StringComparison.Ordinal) != true)
            {
                result = result with { Message = $"{result.Message} {earlier}; it took effect, so nothing was sent again." };
            }
        }

        if (GuardsWrites && result.Outcome is ProviderActionOutcome.Written or ProviderActionOutcome.AlreadyDone)
        {
            // Settled, however it was found (a lookup before writing finds an earlier attempt's effect too).
            await Outbox.ClearPendingAsync(request.CallId, PendingKey(request), cancellationToken);
        }

        return result;
    }

    /// <summary>Whether this provider's writes keep pending markers (<see cref="WriteOnceAsync"/>); false for providers that only post messages.</summary>
    protected virtual bool GuardsWrites => true;

    /// <summary>A sentence saying which field the action needs and lacks, or null.</summary>
    protected abstract string? Validate(ProviderActionRequest request);

    /// <summary>The write the action would send (lookups skipped; their results shown as placeholders).</summary>
    protected abstract ProviderCall PlannedWrite(ProviderActionRequest request);

    /// <summary>Carries out a valid action for real, looking before it writes (see <see cref="WriteOnceAsync"/>).</summary>
    protected abstract Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken);

    /// <summary>Looks a caller up on a configured provider (reads only).</summary>
    protected abstract Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken);

    /// <summary>Headers, secret query parameters and secret values, from resolved credentials.</summary>
    protected abstract (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved);

    /// <summary>Where calls go: BaseUrl when set, else the provider's production URL.</summary>
    protected virtual Uri BaseUrl(Func<string?, string?> resolved) => new(string.IsNullOrWhiteSpace(Options.BaseUrl) ? DefaultBaseUrl : Options.BaseUrl);

    /// <summary>
    /// How long after a write was sent without an answer the provider may still commit it
    /// (<c>Providers__&lt;Name&gt;__CommitGraceSeconds</c>): until then a rerun that does not find it waits and reads again
    /// instead of sending it a second time.
    /// </summary>
    protected TimeSpan CommitGrace => TimeSpan.FromSeconds(Math.Max(0, Options.CommitGraceSeconds));

    /// <summary>The result of an action, with what was sent and the provider's record, for the call's status.</summary>
    protected ProviderActionResult Result(
        ProviderActionRequest request,
        ProviderActionOutcome outcome,
        RenderedRequest? sent = null,
        string? recordId = null,
        string? recordUrl = null,
        JsonNode? oldValue = null,
        JsonNode? newValue = null,
        string? message = null,
        string? settingToFix = null,
        string? providerHolds = null,
        TimeSpan? retryAfter = null) => new()
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
            ProviderHolds = providerHolds,
            RetryAfter = retryAfter,
        };

    /// <summary>
    /// Sends a write so that it takes effect once even when its answer is lost. Unless the write is repeatable, a
    /// pending marker is kept from just before it is sent until an answer settles it. A rerun that finds the marker
    /// reads the provider back first: the effect is there (done), cannot be read (in doubt), or is not there yet, in
    /// which case it is read again until the commit grace after the first attempt has passed, and only then sent again.
    /// An answer that settles nothing (5xx, 408, timeout, reset, a success whose body cannot be read) is settled by
    /// reading back too; only a request that certainly never left is reported as not written.
    /// </summary>
    protected async Task<ProviderActionResult> WriteOnceAsync(ProviderActionRequest request, ProviderTransport transport, GuardedWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(write);
        var marker = PendingKey(request);
        if (!write.Repeatable && await Outbox.PendingAsync(request.CallId, marker, cancellationToken) is { } pending)
        {
            var seen = await ReadBackAsync(write, pending.Baseline, cancellationToken);
            var earlier = $"An earlier attempt sent {write.What} {Span(pending.Age)} ago and never got a settled answer";
            if (seen.State == ReadBackState.Holds)
            {
                await Outbox.ClearPendingAsync(request.CallId, marker, cancellationToken);
                return Result(request, ProviderActionOutcome.AlreadyDone, seen.Request, seen.Record!.Id, seen.Record.Url, write.OldValue, seen.Record.Value,
                    $"{earlier}; {Name} holds it ({seen.Description}), so nothing was sent again.", providerHolds: seen.Description);
            }

            var left = CommitGrace - pending.Age;
            if (seen.State == ReadBackState.Unknown)
            {
                return Result(request, ProviderActionOutcome.InDoubt, seen.Request, oldValue: write.OldValue,
                    message: $"{earlier}, and reading {Name} back failed ({seen.Description}); nothing is sent again until {Name} can be read.",
                    providerHolds: "unknown: " + seen.Description, retryAfter: left > TimeSpan.Zero ? left : null);
            }

            if (left > TimeSpan.Zero)
            {
                return Result(request, ProviderActionOutcome.InDoubt, seen.Request, oldValue: write.OldValue,
                    message: $"{earlier}, and {Name} does not show it yet ({seen.Description}). It may still commit: it is read again, and sent again only if still missing {Span(CommitGrace)} after that attempt.",
                    providerHolds: seen.Description, retryAfter: left);
            }

            // Still missing after the grace: the earlier attempt did not take effect, so the write is sent again.
        }

        if (!write.Repeatable)
        {
            await Outbox.MarkPendingAsync(request.CallId, marker, write.Baseline, cancellationToken);
        }

        ProviderReply reply;
        try
        {
            reply = await transport.SendAsync(write.Call, cancellationToken);
        }
        catch (ProviderUnavailableException ex) when (ex.NotSent)
        {
            await ClearAsync(request, marker, write, cancellationToken);
            return Result(request, ProviderActionOutcome.Transient, transport.Render(write.Call), message: ex.Message);
        }
        catch (ProviderUnavailableException ex)
        {
            return await SettleByReadingBackAsync(request, transport.Render(write.Call), write, marker, $"got no answer to {write.What} ({ex.Message})", cancellationToken);
        }

        if (reply.Status >= 500 || reply.Status == 408)
        {
            return await SettleByReadingBackAsync(request, reply.Request, write, marker, $"answered {reply.Status} to {write.What} ({ErrorMessage(reply)})", cancellationToken);
        }

        if (write.Settle(reply) is { } settled)
        {
            await ClearAsync(request, marker, write, cancellationToken);
            return settled;
        }

        return await SettleByReadingBackAsync(request, reply.Request, write, marker, $"answered {reply.Status} to {write.What} with a body that could not be read", cancellationToken);
    }

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
            401 or 403 or 406 => Result(request, ProviderActionOutcome.NotConfigured, reply.Request, message: $"{Name} refused the credentials ({reply.Status}): {message}", settingToFix: ProviderOptions.SettingOf(Name, credentialSetting)),
            _ => Result(request, ProviderActionOutcome.Transient, reply.Request, message: $"{Name} answered {reply.Status}: {message}"),
        };
    }

    /// <summary>The outbox key of an action's pending-write marker: one per call and action.</summary>
    public static string PendingKey(ProviderActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return "write:" + request.Kind;
    }

    /// <summary>"8 s", "3 min", "2 h": a wait or an age, for messages.</summary>
    protected static string Span(TimeSpan span) => span.TotalSeconds switch
    {
        < 120 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0} s"),
        < 7200 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalHours:0} h"),
    };

    private static async Task<ProviderReadBack> ReadBackAsync(GuardedWrite write, string? baseline, CancellationToken cancellationToken)
    {
        try
        {
            return await write.ReadBack(baseline, cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return ProviderReadBack.Unknown(ex.Message, null);
        }
    }

    private async Task ClearAsync(ProviderActionRequest request, string marker, GuardedWrite write, CancellationToken cancellationToken)
    {
        if (!write.Repeatable)
        {
            await Outbox.ClearPendingAsync(request.CallId, marker, cancellationToken);
        }
    }

    /// <summary>The write's answer settled nothing: the provider is read back, and the result says what it holds.</summary>
    private async Task<ProviderActionResult> SettleByReadingBackAsync(ProviderActionRequest request, RenderedRequest sent, GuardedWrite write, string marker, string happened, CancellationToken cancellationToken)
    {
        var seen = await ReadBackAsync(write, write.Baseline, cancellationToken);
        switch (seen.State)
        {
            case ReadBackState.Holds:
                await ClearAsync(request, marker, write, cancellationToken);
                return Result(request, ProviderActionOutcome.Written, sent, seen.Record!.Id, seen.Record.Url, write.OldValue, seen.Record.Value,
                    $"{Name} {happened}, but reading it back shows {seen.Description}: written.", providerHolds: seen.Description);
            case ReadBackState.Absent when write.Repeatable:
                return Result(request, ProviderActionOutcome.Transient, sent, oldValue: write.OldValue,
                    message: $"{Name} {happened}, and reading it back shows it did not take ({seen.Description}); sending it again is harmless, so it is sent again later.",
                    providerHolds: seen.Description);
            case ReadBackState.Absent:
                return Result(request, ProviderActionOutcome.InDoubt, sent, oldValue: write.OldValue,
                    message: $"{Name} {happened}, and does not show it yet ({seen.Description}). It may still commit: it is read again before anything is sent again.",
                    providerHolds: seen.Description, retryAfter: CommitGrace);
            default:
                return Result(request, ProviderActionOutcome.InDoubt, sent, oldValue: write.OldValue,
                    message: $"{Name} {happened}, and reading it back failed too ({seen.Description}). It is read again before anything is sent again.",
                    providerHolds: "unknown: " + seen.Description, retryAfter: write.Repeatable ? null : CommitGrace);
        }
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

    /// <summary>A full name as first and last name, for APIs that want them apart.</summary>
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
                foreach (var raw in Options.Required.Select(r => r.Value).Concat(Options.Credentials))
                {
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
