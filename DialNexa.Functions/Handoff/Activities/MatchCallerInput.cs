using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>What the caller said about themselves, and the number they called from.</summary>
public sealed record MatchCallerInput(CallFacts Facts, string? CallerPhone);
