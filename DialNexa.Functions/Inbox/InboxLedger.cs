namespace DialNexa.Functions.Inbox;

/// <summary>
/// A call's deliveries, in arrival order, and whether its handoff still reads them. The handoff closes the ledger as
/// its last step; from then on a new delivery is routed to late-delivery review instead of into the ended handoff.
/// Closing and appending are conditional replaces of this one record, so every delivery lands on exactly one side.
/// </summary>
public sealed record InboxLedger
{
    public required string CallId { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public IReadOnlyList<InboxDelivery> Deliveries { get; init; } = [];

    /// <summary>When the handoff stopped reading (null while it still reads).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Deliveries the handoff never read: each has (or had) a late-delivery review of its own.</summary>
    public IReadOnlyList<string> LateHashes { get; init; } = [];

    public bool IsClosed => ClosedAt is not null;

    public InboxDelivery? Find(string hash) => Deliveries.FirstOrDefault(d => d.Hash == hash);
}
