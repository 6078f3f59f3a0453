using DialNexa.Functions.AppData;
using DialNexa.Functions.Inbox;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The review queue, kept as two indexes in the app data store so reading it costs what is in it, not every call ever
/// kept: open items and resolved items, each keyed by instance ID (the call ID, or a late delivery's ID). Resolving
/// claims the resolved entry first (the first resolution stands) and then drops the open one; a reader that finds
/// both (a crash between the two) finishes the drop.
/// </summary>
internal sealed class ReviewQueue(IAppDataStore store, CallInbox inbox)
{
    /// <summary>Whether an instance is one the queue holds: a call's handoff or a late delivery of it.</summary>
    public static bool IsReviewable(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Name is nameof(CallHandoffOrchestrator) or nameof(LateDeliveryOrchestrator);
    }

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

    /// <summary>The late deliveries of a call that went to review, each with whether it was resolved.</summary>
    public async Task<IReadOnlyList<(string InstanceId, bool Resolved)>> LateDeliveriesOfAsync(string callId, CancellationToken cancellationToken)
    {
        var found = new List<(string, bool)>();
        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        foreach (var hash in ledger?.LateHashes ?? [])
        {
            var instanceId = LateDeliveries.InstanceIdFor(callId, hash);
            if (await ReadResolvedAsync(instanceId, cancellationToken) is not null)
            {
                found.Add((instanceId, true));
            }
            else if (await ReadOpenAsync(instanceId, cancellationToken) is not null)
            {
                found.Add((instanceId, false));
            }
        }

        return found;
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

    /// <summary>The queue item of an instance the status says is in review, for one whose entry is missing (opened before its step ran).</summary>
    public static ReviewItem ItemOf(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var snapshot = Json.AppJson.Deserialize<CallStatusSnapshot>(CallStatusEndpoints.SnapshotJsonOf(instance));
        return new ReviewItem(
            instance.InstanceId,
            snapshot?.CallId ?? instance.InstanceId,
            snapshot?.Workflow,
            snapshot?.Review ?? [],
            instance.Name == nameof(LateDeliveryOrchestrator),
            instance.LastUpdatedAt);
    }

    /// <summary>The index entries an erased call leaves: its own and its late deliveries'.</summary>
    public static IEnumerable<AppDataKey> KeysOf(string instanceId) => [OpenKey(instanceId), ResolvedKey(instanceId)];

    private static AppDataKey OpenKey(string instanceId) => AppDataKey.InIndex(AppDataKinds.ReviewOpen, instanceId);

    private static AppDataKey ResolvedKey(string instanceId) => AppDataKey.InIndex(AppDataKinds.ReviewResolved, instanceId);
}
