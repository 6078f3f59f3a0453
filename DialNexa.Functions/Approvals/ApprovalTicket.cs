namespace DialNexa.Functions.Approvals;

/// <summary>What an approval link grants: one approver's single decision on one request of one call, until a time.</summary>
public sealed record ApprovalTicket(string CallId, string RequestId, string Approver, DateTimeOffset ExpiresAt);
