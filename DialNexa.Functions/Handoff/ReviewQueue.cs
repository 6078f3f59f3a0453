using System.Text.Json;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The review queue, kept as an index in payloads so reading it costs what is in it, not every call ever kept: an
/// open item is <c>review-open:{instanceId}</c>, a resolved one <c>review-resolved:{instanceId}</c>. Resolving claims
/// the resolved key first (the first resolution stands) and then drops the open one; a reader that finds both (a crash
/// between the two) finishes the drop. Instances that went to review before the index existed are indexed once, by
/// one scan, the first time the queue is read.
/// </summary>
internal sealed class ReviewQueue(DurableTaskClient client, TimeProvider time)
{
    private const string OpenPrefix = "review-open:";
    private const string ResolvedPrefix = "review-resolved:";
    private const string IndexedMarker = "review-index:v1";

    private volatile bool _indexed;

    /// <summary>Whether an instance is one the queue holds: a call's handoff or a late delivery of it.</summary>
    public static bool IsReviewable(OrchestrationMetadata instance) => instance.Name is nameof(CallHandoffOrchestrator) or nameof(LateDeliveryOrchestrator);

    public Task OpenAsync(ReviewItem item, CancellationToken cancellationToken) =>
        client.PutPayloadAsync(new StoredPayload(OpenPrefix + item.InstanceId, Serialize(item)), cancellationToken);

    public async Task<IReadOnlyList<ReviewItem>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        var items = new List<ReviewItem>();
        await foreach (var key in KeysAsync(OpenPrefix, cancellationToken))
        {
            var instanceId = key[OpenPrefix.Length..];
            if (await ReadResolvedAsync(instanceId, cancellationToken) is not null)
            {
                await client.DeletePayloadAsync(key, cancellationToken);
                continue;
            }

            if (await ReadAsync<ReviewItem>(key, cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public async Task<IReadOnlyList<ResolvedReview>> ListResolvedAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        var resolved = new List<ResolvedReview>();
        await foreach (var key in KeysAsync(ResolvedPrefix, cancellationToken))
        {
            if (await ReadAsync<ResolvedReview>(key, cancellationToken) is { } done)
            {
                resolved.Add(done);
            }
        }

        return resolved;
    }

    /// <summary>The late deliveries of a call that went to review, open ones first, each with whether it was resolved.</summary>
    public async Task<IReadOnlyList<(string InstanceId, bool Resolved)>> LateDeliveriesOfAsync(string callId, CancellationToken cancellationToken)
    {
        var found = new List<(string, bool)>();
        await foreach (var key in KeysAsync($"{OpenPrefix}{callId}:late:", cancellationToken))
        {
            found.Add((key[OpenPrefix.Length..], false));
        }

        await foreach (var key in KeysAsync($"{ResolvedPrefix}{callId}:late:", cancellationToken))
        {
            var instanceId = key[ResolvedPrefix.Length..];
            found.RemoveAll(f => f.Item1 == instanceId);
            found.Add((instanceId, true));
        }

        return found;
    }

    public Task<ReviewItem?> ReadOpenAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadAsync<ReviewItem>(OpenPrefix + instanceId, cancellationToken);

    public Task<ResolvedReview?> ReadResolvedAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadAsync<ResolvedReview>(ResolvedPrefix + instanceId, cancellationToken);

    /// <summary>Null when resolved now; otherwise the resolution that already stands.</summary>
    public async Task<ResolvedReview?> TryResolveAsync(ReviewItem item, ReviewResolution resolution, CancellationToken cancellationToken)
    {
        if (!await client.TryAddPayloadAsync(new StoredPayload(ResolvedPrefix + item.InstanceId, Serialize(new ResolvedReview(item, resolution))), cancellationToken))
        {
            return await ReadResolvedAsync(item.InstanceId, cancellationToken);
        }

        await client.DeletePayloadAsync(OpenPrefix + item.InstanceId, cancellationToken);
        return null;
    }

    /// <summary>The queue item of an instance the status says is in review (from its snapshot, for instances indexed late).</summary>
    public ReviewItem ItemOf(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var snapshot = DurableJson.Deserialize<CallStatusSnapshot>(CallStatusEndpoints.SnapshotJsonOf(instance));
        return new ReviewItem(
            instance.InstanceId,
            snapshot?.CallId ?? instance.InstanceId,
            snapshot?.Workflow,
            snapshot?.Review ?? [],
            instance.Name == nameof(LateDeliveryOrchestrator),
            new DateTimeOffset(instance.LastUpdatedAt, TimeSpan.Zero));
    }

    private async Task EnsureIndexedAsync(CancellationToken cancellationToken)
    {
        if (_indexed || await client.GetPayloadAsync(IndexedMarker, cancellationToken) is not null)
        {
            _indexed = true;
            return;
        }

        string? token = null;
        do
        {
            var (instances, next) = await client.GetAllInstancesAsync(new InstanceQuery { PageSize = 500, ContinuationToken = token, FetchInputsAndOutputs = true }, cancellationToken);
            foreach (var instance in instances.Where(i => IsReviewable(i) && CallStatusEndpoints.StageOf(i) == nameof(HandoffStage.InReview)))
            {
                if (await ReadResolvedAsync(instance.InstanceId, cancellationToken) is null)
                {
                    await OpenAsync(ItemOf(instance), cancellationToken);
                }
            }

            token = next;
        }
        while (token is not null);
        await client.TryAddPayloadAsync(new StoredPayload(IndexedMarker, Serialize(time.GetUtcNow())), cancellationToken);
        _indexed = true;
    }

    private async IAsyncEnumerable<string> KeysAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await client.ListPayloadKeysAsync(prefix, after, 500, cancellationToken);
            foreach (var key in page)
            {
                yield return key;
            }

            if (page.Count < 500)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        await client.GetPayloadAsync(key, cancellationToken) is { } stored ? JsonSerializer.Deserialize<T>(stored.Span, DurableJson.Options) : null;

    private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, DurableJson.Options);
}
