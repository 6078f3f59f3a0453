using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Providers;

/// <summary>The outbox on the durable store: a claim is a payload inserted only if its key is new.</summary>
internal sealed class StoreActionOutbox(DurableTaskClient client, TimeProvider time) : IActionOutbox
{
    public Task<bool> TryClaimAsync(string key, CancellationToken cancellationToken) =>
        client.TryAddPayloadAsync(new StoredPayload("outbox:" + key, System.Text.Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O"))), cancellationToken);
}
