using DialNexa.Functions.Approvals;

namespace DialNexa.Functions.AppData;

/// <summary>
/// Every kind of value the app keeps outside orchestration state, declared once. Erasure (<c>DELETE /api/calls/{id}</c>,
/// retention) walks <see cref="All"/>: a kind missing from it would outlive its call, and a test fails on any declared
/// kind that is not listed.
/// </summary>
public static class AppDataKinds
{
    public static readonly AppDataKind InboxBody = new("inbox-body", AppDataPlacement.PerCall, "encrypted raw webhook bodies awaiting redaction");

    public static readonly AppDataKind InboxLedger = new("inbox-ledger", AppDataPlacement.PerCall, "the call's deliveries and whether its handoff still reads them");

    public static readonly AppDataKind RedactedDelivery = new("redacted-delivery", AppDataPlacement.PerCall, "redacted deliveries");

    public static readonly AppDataKind RecordingUrl = new("recording-url", AppDataPlacement.PerCall, "the encrypted pre-signed recording URL");

    public static readonly AppDataKind ApprovalRequest = new("approval-request", AppDataPlacement.PerCall, "approval requests");

    public static readonly AppDataKind ApprovalVote = new("approval-vote", AppDataPlacement.PerCall, "approvers' votes");

    public static readonly AppDataKind ApprovalOutcome = new("approval-outcome", AppDataPlacement.PerCall, "approval outcomes");

    public static readonly AppDataKind ApprovalMail = new("approval-mail", AppDataPlacement.PerCall, "approval mail markers");

    public static readonly AppDataKind BankAccountEntry = new("bank-account-entry", AppDataPlacement.PerCall, "encrypted bank account numbers finance typed on the approval page, until sent to Gusto");

    public static readonly AppDataKind ActionClaim = new("action-claim", AppDataPlacement.PerCall, "provider action claims");

    public static readonly AppDataKind ActionRerun = new("action-rerun", AppDataPlacement.PerCall, "re-runs of provider actions asked for from the review queue, with who asked");

    public static readonly AppDataKind ApprovalReminder = new("approval-reminder", AppDataPlacement.PerCall, "approval reminders sent again from the operations console, with when and how they were delivered");

    public static readonly AppDataKind ReviewOpen = new("review-open", AppDataPlacement.Index, "open review items");

    public static readonly AppDataKind ReviewResolved = new("review-resolved", AppDataPlacement.Index, "resolved review items");

    public static readonly AppDataKind InboxOpen = new("inbox-open", AppDataPlacement.Index, "calls whose inbox is still open");

    public static readonly AppDataKind ConsoleCall = new("console-call", AppDataPlacement.Index, "each call's row in the operations console: stage, masked contact, amount, outcomes, keyed digests for search");

    public static readonly AppDataKind ErasedCall = new("erased-call", AppDataPlacement.KeptAfterErasure, "keyed digests of erased calls");

    public static IReadOnlyList<AppDataKind> All { get; } =
    [
        InboxBody, InboxLedger, RedactedDelivery, RecordingUrl, ApprovalRequest, ApprovalVote, ApprovalOutcome, ApprovalMail, BankAccountEntry, ActionClaim,
        ActionRerun, ApprovalReminder,
        ReviewOpen, ReviewResolved, InboxOpen, ConsoleCall, ErasedCall,
    ];
}
