using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// One call as the console lists it, kept in the app data index <see cref="AppData.AppDataKinds.ConsoleCall"/> under
/// the call ID (so erasure removes it with the call): where the handoff stands, who called (name and masked contact
/// only), the amount, what was written where with what outcome, the approval's people and times, and keyed digests of
/// the email, phone and invoice number for search. Nothing in it is a card, bank or tax number, or a raw contact.
/// </summary>
public sealed record ListedCall
{
    public required string CallId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required HandoffStage Stage { get; init; }

    public HandoffWorkflow? Workflow { get; init; }

    public string? CustomerName { get; init; }

    public string? MaskedEmail { get; init; }

    public string? MaskedPhone { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public double? MatchConfidence { get; init; }

    public IReadOnlyList<ListedAction> Actions { get; init; } = [];

    public ListedApproval? Approval { get; init; }

    public IReadOnlyList<string> SearchKeys { get; init; } = [];
}
