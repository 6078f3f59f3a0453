using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The policy's decision for a call: the actions, and why a human must approve (approval) or look first (review).
/// A plan writes automatically only when both lists are empty.
/// </summary>
public sealed record HandoffPlan(
    HandoffWorkflow Workflow,
    IReadOnlyList<PlannedAction> Actions,
    IReadOnlyList<string> ApprovalReasons,
    IReadOnlyList<string> ReviewReasons)
{
    public bool NeedsReview => ReviewReasons.Count > 0;

    public bool NeedsApproval => !NeedsReview && ApprovalReasons.Count > 0;

    public bool AutomationAllowed => !NeedsReview && !NeedsApproval;
}
