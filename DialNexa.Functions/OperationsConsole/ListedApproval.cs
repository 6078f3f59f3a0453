namespace DialNexa.Functions.OperationsConsole;

/// <summary>A listed call's approval: who was asked (names and masked emails), since when, until when, the reminder and the decision.</summary>
public sealed record ListedApproval
{
    public required DateTimeOffset RequestedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public DateTimeOffset? RemindedAt { get; init; }

    public string? DecidedBy { get; init; }

    public bool? Approved { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public bool TimedOut { get; init; }
}
