using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Matching;

/// <summary>What one provider's lookup found for the caller, scored.</summary>
public sealed record ProviderMatch(ProviderName Provider, CustomerLookupStatus Status, string? CustomerId, string? Name, string? RecordUrl, double Score, string Basis, int Candidates);
