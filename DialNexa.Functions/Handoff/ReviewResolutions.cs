using System.Text.Json;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The resolutions of review items, one per instance in review (a call's handoff or a late delivery), kept beside the
/// instance as a payload: a finished instance's output never changes, and the first resolution stands.
/// </summary>
internal sealed class ReviewResolutions(DurableTaskClient client)
{
    /// <summary>False when the item had already been resolved (the earlier resolution stands).</summary>
    public Task<bool> TryResolveAsync(string instanceId, ReviewResolution resolution, CancellationToken cancellationToken) =>
        client.TryAddPayloadAsync(new StoredPayload(KeyOf(instanceId), JsonSerializer.SerializeToUtf8Bytes(resolution, DurableJson.Options)), cancellationToken);

    public async Task<ReviewResolution?> ReadAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetPayloadAsync(KeyOf(instanceId), cancellationToken) is { } stored
            ? JsonSerializer.Deserialize<ReviewResolution>(stored.Span, DurableJson.Options)
            : null;

    private static string KeyOf(string instanceId) => "review-resolved:" + instanceId;
}
