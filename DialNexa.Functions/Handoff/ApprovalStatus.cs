namespace DialNexa.Functions.Handoff;

/// <summary>The approval part of a call's status.</summary>
public sealed record ApprovalStatus(ApprovalRequest Request, FinanceApproval? Decision, bool TimedOut);
