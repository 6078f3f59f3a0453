namespace DialNexa.Functions.Providers;

/// <summary>
/// One platform as the call handoff sees it: look a caller up, and carry out an action once in effect.
/// Implementations honour their configured <see cref="ProviderMode"/>: in dry run they render the request and send nothing.
/// Both methods are safe to call again after a crash: lookups are reads, and actions look before they write.
/// </summary>
public interface IFinanceProvider
{
    /// <summary>The platform it talks to; one provider per platform.</summary>
    ProviderName Name { get; }

    /// <summary>Dry run (render and record, send nothing) or Live, from its settings.</summary>
    ProviderMode Mode { get; }

    /// <summary>False when credentials are missing: lookups answer NotConfigured and nothing is called.</summary>
    bool IsConfigured { get; }

    /// <summary>The actions it carries out (each action belongs to one provider, see <see cref="ProviderActions"/>).</summary>
    IReadOnlyCollection<ProviderActionKind> SupportedActions { get; }

    /// <summary>Looks a caller up (reads only); a provider without credentials answers NotConfigured and calls nothing.</summary>
    Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out one action once in effect: it looks before it writes, so a retried call after a crash writes nothing
    /// twice. Expected outcomes (written, already done, refused, in doubt, dry run) come back in the result, not as
    /// exceptions.
    /// </summary>
    Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The request <see cref="ExecuteAsync"/> would send now, for finance to approve (reads only, never a write). A
    /// provider that cannot work it out beforehand says so.
    /// </summary>
    Task<ProviderWritePreview> PreviewAsync(ProviderActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderWritePreview.Unavailable(Name, request.Kind, Mode, $"{Name} cannot show its request before it is sent."));
}
