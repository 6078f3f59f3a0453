namespace DialNexa.Functions.Approvals;

/// <summary>An approver of a request and their personal, signed, single-use approval link.</summary>
public sealed record ApproverLink(string Approver, string Name, string Url);
