namespace DialNexa.Functions.Providers;

/// <summary>What we know of the caller, to look them up in a provider.</summary>
public sealed record CustomerLookup(string? Email, string? Phone, string? Name, string? AccountId);
