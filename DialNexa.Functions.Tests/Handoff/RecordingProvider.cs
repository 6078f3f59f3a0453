using System.Collections.Concurrent;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// A hand-written provider for orchestration tests: knows one customer, writes each dedupe key once (a repeat finds
/// the earlier effect, as the real clients do), and counts what reached it.
/// </summary>
internal sealed class RecordingProvider(ProviderName name, ProviderMode mode, string knownEmail) : IFinanceProvider
{
    public ConcurrentDictionary<string, int> Writes { get; } = new();

    public ConcurrentQueue<ProviderActionRequest> Received { get; } = new();

    /// <summary>An outcome to answer instead of a write (a refusal, say), with its message; null writes as usual.</summary>
    public Func<ProviderActionRequest, (ProviderActionOutcome Outcome, string Message)?> Refuse { get; set; } = _ => null;

    public ProviderName Name => name;

    public ProviderMode Mode => mode;

    public bool IsConfigured => true;

    public IReadOnlyCollection<ProviderActionKind> SupportedActions => Enum.GetValues<ProviderActionKind>();

    public Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(lookup.Email, knownEmail, StringComparison.OrdinalIgnoreCase)
            ? new CustomerLookupResult(name, CustomerLookupStatus.Found, [new ProviderCustomer("cus_1", "Dana Whitfield", knownEmail, null, $"https://{name}.example/cus_1")])
            : new CustomerLookupResult(name, CustomerLookupStatus.NotFound, []));

    /// <summary>The request <see cref="ExecuteAsync"/> records, as its preview.</summary>
    public Task<ProviderWritePreview> PreviewAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        var rendered = Rendered(request);
        return Task.FromResult(new ProviderWritePreview
        {
            Provider = name,
            Kind = request.Kind,
            Mode = mode,
            Operation = ProviderActionWords.Of(request.Kind),
            Request = rendered,
            Fields = [.. RenderedRequestFields.Of(rendered).Select(f => new ProviderFieldPreview(f.Path, null, f.Value))],
            Current = ProviderCurrentValues.NewRecord,
        });
    }

    public Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        Received.Enqueue(request);
        if (Refuse(request) is { } refusal)
        {
            return Task.FromResult(new ProviderActionResult { Provider = name, Kind = request.Kind, Mode = mode, Outcome = refusal.Outcome, Message = refusal.Message });
        }

        var count = Writes.AddOrUpdate(request.DedupeKey, 1, (_, n) => n + 1);
        return Task.FromResult(new ProviderActionResult
        {
            Provider = name,
            Kind = request.Kind,
            Mode = mode,
            Outcome = mode == ProviderMode.DryRun ? ProviderActionOutcome.DryRun : count == 1 ? ProviderActionOutcome.Written : ProviderActionOutcome.AlreadyDone,
            Request = Rendered(request),
            RecordId = "rec_" + request.CallId,
            RecordUrl = $"https://{name}.example/rec_{request.CallId}",
        });
    }

    private RenderedRequest Rendered(ProviderActionRequest request) =>
        new("POST", $"https://{name}.example/{request.Kind}", new Dictionary<string, string> { ["Authorization"] = "Bearer ***" }, request.Note);
}
