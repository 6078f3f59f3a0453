using DialNexa.Functions.Extraction;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The time zone an approver reads times in: their own (<c>DialNexa__Approvals__Approvers__N__TimeZone</c>), else the
/// business's (<c>DialNexa__Extraction__TimeZone</c>), else UTC alone.
/// </summary>
internal sealed class ApproverZones(IOptionsMonitor<ApprovalsOptions> approvals, IOptions<ExtractionOptions> extraction)
{
    public TimeZoneInfo? For(string approver) =>
        ApprovalText.Zone(approvals.CurrentValue.FindByEmail(approver)?.TimeZone) ?? ApprovalText.Zone(extraction.Value.TimeZone);
}
