namespace DialNexa.Functions.Providers;

/// <summary>The candidates one provider returned for a caller; matching scores them.</summary>
public sealed record CustomerLookupResult(ProviderName Provider, CustomerLookupStatus Status, IReadOnlyList<ProviderCustomer> Candidates, string? Message = null);
