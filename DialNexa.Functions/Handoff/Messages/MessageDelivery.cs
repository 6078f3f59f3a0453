namespace DialNexa.Functions.Handoff.Messages;

/// <summary>
/// One outgoing message as the call's status shows it (<c>messages</c>): which, by what channel, where it stands, how
/// many attempts, when it was composed and delivered and how long that took, and the last problem.
/// </summary>
public sealed record MessageDelivery
{
    public required string Key { get; init; }

    public required string Purpose { get; init; }

    public required MessageChannel Channel { get; init; }

    public required MessageDeliveryState State { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>From composed to delivered: the delay people saw.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The last refusal or failure (Slack's or the mail relay's answer), kept after a later success.</summary>
    public string? Problem { get; init; }

    public string? SettingToFix { get; init; }

    public bool IsPending => State is MessageDeliveryState.Queued or MessageDeliveryState.Retrying;
}
