namespace DialNexa.Functions.Providers;

/// <summary>
/// One platform as the call handoff sees it: look a caller up, and carry out an action once in effect.
/// Implementations honour their configured <see cref="ProviderMode"/>: in dry run they render the request and send nothing.
/// Both methods are safe to call again after a crash: lookups are reads, and actions look before they write.
/// </summary>
public interface IFinanceProvider
{
    ProviderName Name { get; }

    ProviderMode Mode { get; }

    /// <summary>False when credentials are missing: lookups answer NotConfigured and nothing is called.</summary>
    bool IsConfigured { get; }

    IReadOnlyCollection<ProviderActionKind> SupportedActions { get; }

    Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken);

    Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The request <see cref="ExecuteAsync"/> would send now, for finance to approve (reads only, never a write). A
    /// provider that cannot work it out beforehand says so.
    /// </summary>
    Task<ProviderWritePreview> PreviewAsync(ProviderActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderWritePreview.Unavailable(Name, request.Kind, Mode, $"{Name} cannot show its request before it is sent."));
}
