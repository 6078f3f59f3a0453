using DialNexa.Functions.Calls;
using DialNexa.Functions.Matching;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Everything the policy decides from.</summary>
public sealed record PlanHandoffInput(RedactedCall Call, CallFacts Facts, CallerMatch Match, CallLinks Links);
