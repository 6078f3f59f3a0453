using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>What the approval pages need beside the decision itself: the approver's zone, their transcript link, the bank account entry, the transcript.</summary>
internal sealed class ApprovalViews(ApproverZones zones, BankAccountEntries bankAccounts, ICallTranscripts transcripts)
{
    public BankAccountEntries BankAccounts => bankAccounts;

    public ICallTranscripts Transcripts => transcripts;

    public ApprovalPageView View(ApprovalRequest request, ApprovalTicket ticket, string token) =>
        new(request, ticket, zones.For(ticket.Approver), $"/api/approvals/{Uri.EscapeDataString(token)}/transcript");

    public TimeZoneInfo? ZoneOf(ApprovalTicket ticket) => zones.For(ticket.Approver);

    /// <summary>Whether the form must ask for the company bank account a write needs.</summary>
    public async Task<BankAccountState> BankAccountAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        if (!request.Writes.Any(w => w.NeedsBankAccountEntry))
        {
            return new BankAccountState.NotAsked();
        }

        return await bankAccounts.DescribeAsync(request.CallId, cancellationToken) is { } entered
            ? new BankAccountState.Entered(entered.EnteredBy, entered.Last4)
            : new BankAccountState.Needed();
    }
}
