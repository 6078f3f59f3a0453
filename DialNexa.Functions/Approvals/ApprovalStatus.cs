namespace DialNexa.Functions.Approvals;

/// <summary>
/// The approval part of a call's status and audit trail: the request, every decision received (in order), decisions
/// that did not count and why, the outcome (<see cref="Decision"/>), and the reminder and timeout.
/// </summary>
public sealed record ApprovalStatus(ApprovalRequest Request, FinanceApproval? Decision, bool TimedOut)
{
    public IReadOnlyList<FinanceApproval> Decisions { get; init; } = [];

    public IReadOnlyList<string> Ignored { get; init; } = [];

    public DateTimeOffset? RemindedAt { get; init; }

    public int Approvals => Decisions.Count(d => d.Approved);

    /// <summary>
    /// Counts one decision: only approvers of this request, once each, for this request. The first rejection rejects;
    /// the approval that reaches the quorum approves (with every approver named).
    /// </summary>
    public ApprovalStatus Record(FinanceApproval decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Decision is not null)
        {
            return this with { Ignored = [.. Ignored, $"{decision.Approver} decided after the request was already decided."] };
        }

        if (decision.RequestId is { } id && !string.Equals(id, Request.RequestId, StringComparison.Ordinal))
        {
            return this with { Ignored = [.. Ignored, $"{decision.Approver} decided on another request ({id})."] };
        }

        if (!Request.IsApprover(decision.Approver))
        {
            return this with { Ignored = [.. Ignored, $"{decision.Approver} is not an approver of this request."] };
        }

        if (Decisions.Any(d => string.Equals(d.Approver, decision.Approver, StringComparison.OrdinalIgnoreCase)))
        {
            return this with { Ignored = [.. Ignored, $"{decision.Approver} had already decided."] };
        }

        var next = this with { Decisions = [.. Decisions, decision] };
        if (!decision.Approved)
        {
            return next with { Decision = decision };
        }

        if (next.Approvals < Request.Quorum)
        {
            return next;
        }

        return next with
        {
            Decision = Request.Quorum == 1 ? decision : decision with
            {
                Approver = string.Join(", ", next.Decisions.Where(d => d.Approved).Select(d => d.Approver)),
                Comment = string.Join(" | ", next.Decisions.Where(d => d.Approved && !string.IsNullOrWhiteSpace(d.Comment)).Select(d => d.Comment)),
            },
        };
    }
}
