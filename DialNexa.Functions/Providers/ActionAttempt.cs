namespace DialNexa.Functions.Providers;

/// <summary>One run of a provider action: when it ended and how (its result's outcome and message).</summary>
public sealed record ActionAttempt(DateTimeOffset At, ProviderActionOutcome Outcome, string? Message);
