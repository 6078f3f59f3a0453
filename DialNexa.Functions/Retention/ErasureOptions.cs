namespace DialNexa.Functions.Retention;

/// <summary>
/// How erased calls are remembered (section <c>DialNexa:Erasure</c>): the HMAC keys of their digests,
/// <c>DialNexa__Erasure__DigestKeys</c>, comma-separated, newest first, each at least <see cref="MinimumKeyLength"/>
/// characters (a value or a Key Vault reference). The first key writes digests, every key recognises them, so a new key
/// in front keeps erased calls refused. Kept in settings, not beside the data: without the key a digest names no call.
/// Unset, a key is generated once in the data directory (a start-up warning says so).
/// </summary>
public sealed class ErasureOptions
{
    public const string SectionName = "DialNexa:Erasure";

    public const string DigestKeysSetting = "DialNexa__Erasure__" + nameof(DigestKeys);

    public const int MinimumKeyLength = 32;

    public string? DigestKeys { get; set; }

    public IReadOnlyList<string> Keys() =>
        [.. (DigestKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
