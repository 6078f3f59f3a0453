namespace DialNexa.Functions.Handoff;

/// <summary>The <c>FinanceApproval</c> event: who decided what, and when.</summary>
public sealed record FinanceApproval(bool Approved, string Approver, string? Comment, DateTimeOffset DecidedAt, string? RequestId = null);
