using DialNexa.Functions.Approvals;

namespace DialNexa.Functions.Handoff.Messages;

/// <summary>One approver's approval mail: the request, whom, which mail ("request" or "reminder") and its heading.</summary>
public sealed record ApprovalMail(ApprovalRequest Request, string Approver, string Purpose, string Heading);
