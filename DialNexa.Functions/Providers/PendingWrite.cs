namespace DialNexa.Functions.Providers;

/// <summary>A write sent without a settled answer: when it was marked, how long ago, and what the provider held before it.</summary>
public sealed record PendingWrite(DateTimeOffset Since, TimeSpan Age, string? Baseline);
