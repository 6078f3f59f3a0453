using DialNexa.Functions.Calls;
using DialNexa.Functions.Matching;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>What <see cref="AssessCallActivity"/> found: the finance context, whom the caller matched, and the plan.</summary>
public sealed record CallAssessment(CallFacts Facts, CallerMatch Match, HandoffPlan Plan);
