namespace DialNexa.Functions.Providers;

/// <summary>A customer, contact, contractor or company record a provider returned for a lookup.</summary>
public sealed record ProviderCustomer(string Id, string? Name, string? Email, string? Phone, string? RecordUrl);
