using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Review;

/// <summary>One entry of the review queue: which instance (the call's handoff, or a late delivery of it), why, since when.</summary>
/// <param name="InstanceId">The call ID, or the late delivery's instance ID.</param>
public sealed record ReviewItem(string InstanceId, string CallId, HandoffWorkflow? Workflow, IReadOnlyList<string> Review, bool LateDelivery, DateTimeOffset OpenedAt);
