using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>What one approver's page shows: the request, their ticket, the zone they read times in, and their transcript link.</summary>
internal sealed record ApprovalPageView(ApprovalRequest Request, ApprovalTicket Ticket, TimeZoneInfo? Zone, string TranscriptUrl);
