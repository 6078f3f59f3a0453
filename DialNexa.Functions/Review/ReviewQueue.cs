using DialNexa.Functions.AppData;

namespace DialNexa.Functions.Review;

/// <summary>
/// The review queue, kept as two indexes in the app data store so reading it costs what is in it, not every call ever
/// kept: open items and resolved items, each keyed by instance ID (the call ID, or a late delivery's ID). Resolving
/// claims the resolved entry first (the first resolution stands) and then drops the open one; a reader that finds
/// both (a crash between the two) finishes the drop.
/// </summary>
internal sealed class ReviewQueue(IAppDataStore store)
{
    public Task OpenAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return store.PutJsonAsync(OpenKey(item.InstanceId), item, cancellationToken);
    }

    /// <summary>Opens an item only if the instance has none open yet; false when one was already there.</summary>
    public Task<bool> TryOpenAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return store.TryAddJsonAsync(OpenKey(item.InstanceId), item, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        await foreach (var entry in store.ListAllAsync(AppDataKinds.ReviewOpen, AppDataKinds.ReviewOpen.IndexScope, cancellationToken))
        {
            if (await ReadResolvedAsync(entry.Item, cancellationToken) is not null)
            {
                await store.DeleteAsync(OpenKey(entry.Item), cancellationToken);
                continue;
            }

            if (Json.AppJson.Deserialize<ReviewItem>(entry.Value.Span) is { } item)
            {
                items.Add(item);
            }
        }

        return [.. items.OrderBy(i => i.OpenedAt)];
    }

    public async Task<IReadOnlyList<ResolvedReview>> ListResolvedAsync(CancellationToken cancellationToken)
    {
        var resolved = new List<ResolvedReview>();
        await foreach (var entry in store.ListAllAsync(AppDataKinds.ReviewResolved, AppDataKinds.ReviewResolved.IndexScope, cancellationToken))
        {
            if (Json.AppJson.Deserialize<ResolvedReview>(entry.Value.Span) is { } done)
            {
                resolved.Add(done);
            }
        }

        return [.. resolved.OrderBy(r => r.Resolution.ResolvedAt)];
    }

    public Task<ReviewItem?> ReadOpenAsync(string instanceId, CancellationToken cancellationToken) =>
        store.GetJsonAsync<ReviewItem>(OpenKey(instanceId), cancellationToken);

    public Task<ResolvedReview?> ReadResolvedAsync(string instanceId, CancellationToken cancellationToken) =>
        store.GetJsonAsync<ResolvedReview>(ResolvedKey(instanceId), cancellationToken);

    /// <summary>Null when resolved now; otherwise the resolution that already stands.</summary>
    public async Task<ResolvedReview?> TryResolveAsync(ReviewItem item, ReviewResolution resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!await store.TryAddJsonAsync(ResolvedKey(item.InstanceId), new ResolvedReview(item, resolution), cancellationToken))
        {
            return await ReadResolvedAsync(item.InstanceId, cancellationToken);
        }

        await store.DeleteAsync(OpenKey(item.InstanceId), cancellationToken);
        return null;
    }

    /// <summary>The index entries an erased call leaves: its own and its late deliveries'.</summary>
    public static IEnumerable<AppDataKey> KeysOf(string instanceId) => [OpenKey(instanceId), ResolvedKey(instanceId)];

    private static AppDataKey OpenKey(string instanceId) => AppDataKey.InIndex(AppDataKinds.ReviewOpen, instanceId);

    private static AppDataKey ResolvedKey(string instanceId) => AppDataKey.InIndex(AppDataKinds.ReviewResolved, instanceId);
}
