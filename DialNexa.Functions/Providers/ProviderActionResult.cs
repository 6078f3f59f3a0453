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
}
