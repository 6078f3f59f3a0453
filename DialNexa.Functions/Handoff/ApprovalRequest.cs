namespace DialNexa.Functions.Handoff;

/// <summary>What finance is asked to approve for a call, and until when.</summary>
public sealed record ApprovalRequest(string RequestId, string CallId, IReadOnlyList<string> Reasons, IReadOnlyList<string> Actions, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, IReadOnlyList<string> Links);
