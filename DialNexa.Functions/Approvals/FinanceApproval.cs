namespace DialNexa.Functions.Approvals;

/// <summary>The <c>FinanceApproval</c> event: who decided what, when, on which request and through which channel (link, slack, api).</summary>
public sealed record FinanceApproval(bool Approved, string Approver, string? Comment, DateTimeOffset DecidedAt, string? RequestId = null, string? Channel = null);
