using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// What a look or a decision found: the state, the request (absent for <see cref="ApprovalState.NotFound"/>), this
/// approver's decision, the earlier decision that settled it, and the approvals counted so far.
/// </summary>
public sealed record ApprovalResult(ApprovalState State, ApprovalRequest? Request = null, ApprovalTicket? Ticket = null, FinanceApproval? Decision = null, FinanceApproval? Earlier = null, int Approvals = 0)
{
    public static ApprovalResult NotFound { get; } = new(ApprovalState.NotFound);
}
