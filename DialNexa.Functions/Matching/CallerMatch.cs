using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Matching;

/// <summary>Who the caller is across the configured providers, with the confidence the plan relies on.</summary>
public sealed record CallerMatch(double Confidence, bool Ambiguous, IReadOnlyList<ProviderMatch> Providers)
{
    public static CallerMatch None { get; } = new(0, false, []);

    /// <summary>The provider's own customer ID when that provider matched unambiguously.</summary>
    public string? CustomerIdIn(ProviderName provider) =>
        Providers.FirstOrDefault(p => p.Provider == provider && p.Status == CustomerLookupStatus.Found && p.Candidates == 1)?.CustomerId;
}
