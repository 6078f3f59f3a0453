namespace DialNexa.Functions.Providers;

/// <summary>
/// What an action will send, worked out before finance approves it: the request itself (secrets masked), each of its
/// fields with the value the provider holds now and the value it will be sent, and the record it touches. In dry run it
/// is the request dry run records; live, it follows the reads the action makes before it writes (the record already
/// there, the version to guard with), so what finance approves is what goes out.
/// </summary>
public sealed record ProviderWritePreview
{
    public required ProviderName Provider { get; init; }

    public required ProviderActionKind Kind { get; init; }

    public required ProviderMode Mode { get; init; }

    /// <summary>The operation in words ("Create a Paystack customer").</summary>
    public required string Operation { get; init; }

    /// <summary>The request that will be sent (or, in dry run, recorded), secrets masked; null when nothing will be.</summary>
    public RenderedRequest? Request { get; init; }

    /// <summary>Every field of <see cref="Request"/> (body members, query parameters), in the order sent; credentials left out.</summary>
    public IReadOnlyList<ProviderFieldPreview> Fields { get; init; } = [];

    /// <summary>The provider's ID of the record the request touches, when it exists already.</summary>
    public string? RecordId { get; init; }

    /// <summary>Where the current values come from.</summary>
    public ProviderCurrentValues Current { get; init; } = ProviderCurrentValues.NotRead;

    /// <summary>What else the approver should know: why nothing will be sent, a side effect, or why values could not be read.</summary>
    public string? Note { get; init; }

    /// <summary>A preview that says only that the request cannot be shown (a provider that cannot work it out beforehand).</summary>
    public static ProviderWritePreview Unavailable(ProviderName provider, ProviderActionKind kind, ProviderMode mode, string why) => new()
    {
        Provider = provider,
        Kind = kind,
        Mode = mode,
        Operation = ProviderActionWords.Of(kind),
        Note = why,
    };
}
