namespace DialNexa.Functions.AppData;

/// <summary>
/// The app's own data beside the orchestrations (inbox, approvals, review index, claims): SQLite beside the embedded
/// hub, or Azure Tables and Blobs. Every write is durable when its task completes; an outage throws (the HTTP edge
/// answers 503), it never pretends.
/// </summary>
public interface IAppDataStore
{
    /// <summary>Creates what the store needs (tables, containers). Safe to call again.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<ReadOnlyMemory<byte>?> GetAsync(AppDataKey key, CancellationToken cancellationToken);

    /// <summary>The value with its version, for a later <see cref="TryReplaceAsync"/>.</summary>
    Task<StoredVersion?> GetVersionedAsync(AppDataKey key, CancellationToken cancellationToken);

    /// <summary>Inserts or overwrites.</summary>
    Task PutAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Inserts only when the key is new: false when it exists (a claim, decided atomically).</summary>
    Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>
    /// Puts <paramref name="putBefore"/>, then inserts <paramref name="key"/> only when it is new, and when it was, puts
    /// <paramref name="putIfAdded"/>: false when <paramref name="key"/> existed (<paramref name="putBefore"/> is stored
    /// even so, <paramref name="putIfAdded"/> is not). A store that can runs the three in one transaction (SQLite: one
    /// commit instead of three on the webhook's path); this default runs them one after another in that order, so
    /// whoever finds <paramref name="key"/> also finds <paramref name="putBefore"/>.
    /// </summary>
    async Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, AppDataWrite putBefore, AppDataWrite putIfAdded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(putBefore);
        ArgumentNullException.ThrowIfNull(putIfAdded);
        await PutAsync(putBefore.Key, putBefore.Value, cancellationToken);
        if (!await TryAddAsync(key, value, cancellationToken))
        {
            return false;
        }

        await PutAsync(putIfAdded.Key, putIfAdded.Value, cancellationToken);
        return true;
    }

    /// <summary>Overwrites only when the stored version is still <paramref name="version"/>: false when it changed or is gone.</summary>
    Task<bool> TryReplaceAsync(AppDataKey key, ReadOnlyMemory<byte> value, string version, CancellationToken cancellationToken);

    /// <summary>False when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(AppDataKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Items of one kind in one scope, in ordinal order of item, each after <paramref name="after"/> (exclusive; null
    /// from the start), at most <paramref name="pageSize"/>.
    /// </summary>
    Task<IReadOnlyList<AppDataItem>> ListAsync(AppDataKind kind, string scope, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// The scopes (call IDs) that hold item <paramref name="item"/> of a per-call kind, in ordinal order of the store's
    /// keys, each after <paramref name="after"/> (exclusive; null from the start), at most <paramref name="pageSize"/>. A
    /// scan across every call, for periodic passes only.
    /// </summary>
    Task<IReadOnlyList<string>> ListScopesAsync(AppDataKind kind, string item, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>Deletes every item of one kind in one scope (whole-ID match, never a prefix); returns how many went.</summary>
    Task<int> DeleteScopeAsync(AppDataKind kind, string scope, CancellationToken cancellationToken);
}
