namespace DialNexa.Functions.Providers;

/// <summary>The result of one provider action, recorded in the call's audit trail and status.</summary>
public sealed record ProviderActionResult
{
    public required ProviderName Provider { get; init; }

    public required ProviderActionKind Kind { get; init; }

    public required ProviderMode Mode { get; init; }

    public required ProviderActionOutcome Outcome { get; init; }

    /// <summary>The write request (the last one sent, or the one dry run would send), secrets masked.</summary>
    public RenderedRequest? Request { get; init; }

    /// <summary>The provider's ID of the record written or found.</summary>
    public string? RecordId { get; init; }

    /// <summary>A link to the record in the provider's dashboard, when it has one.</summary>
    public string? RecordUrl { get; init; }

    /// <summary>For updates: the value before (JSON, redacted).</summary>
    public string? OldValue { get; init; }

    /// <summary>For updates and creates: the value after (JSON, redacted).</summary>
    public string? NewValue { get; init; }

    /// <summary>Human-readable detail: the provider's error message, or what was done.</summary>
    public string? Message { get; init; }

    /// <summary>For <see cref="ProviderActionOutcome.NotConfigured"/>: the exact setting to fix (for example "Providers:Paystack:SecretKey").</summary>
    public string? SettingToFix { get; init; }

    /// <summary>
    /// What the provider was seen to hold for this action when its write had to be read back (an answer lost or
    /// unclear, or an earlier attempt that never got one): the record found, that none is there yet, or that reading
    /// failed. Null when the provider's own answer settled the action.
    /// </summary>
    public string? ProviderHolds { get; init; }

    /// <summary>
    /// When to try again: for <see cref="ProviderActionOutcome.Transient"/>, the least wait the provider asked for
    /// (Retry-After); for <see cref="ProviderActionOutcome.InDoubt"/>, the most time left before a write that was never
    /// confirmed may be sent again (the provider's commit grace).
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Every run of the action for this call, oldest first: when, and how it ended (filled in by the orchestration).</summary>
    public IReadOnlyList<ActionAttempt> Attempts { get; init; } = [];
}
