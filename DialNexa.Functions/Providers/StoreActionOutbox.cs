using DialNexa.Functions.AppData;

namespace DialNexa.Functions.Providers;

/// <summary>
/// The outbox on the app data store, under the call (erased with it): a claim is a value inserted only if its key is
/// new; a pending write is a value under <c>pending|</c> + its key, holding when it was marked and the baseline.
/// </summary>
internal sealed class StoreActionOutbox(IAppDataStore store, TimeProvider time) : IActionOutbox
{
    public Task<bool> TryClaimAsync(string callId, string key, CancellationToken cancellationToken) =>
        store.TryAddAsync(ClaimKey(callId, key), System.Text.Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O")), cancellationToken);

    public async Task<bool> IsClaimedAsync(string callId, string key, CancellationToken cancellationToken) =>
        await store.GetAsync(ClaimKey(callId, key), cancellationToken) is not null;

    public Task MarkPendingAsync(string callId, string key, string? baseline, CancellationToken cancellationToken) =>
        store.PutJsonAsync(PendingKey(callId, key), new Marker(time.GetUtcNow(), baseline), cancellationToken);

    public async Task<PendingWrite?> PendingAsync(string callId, string key, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<Marker>(PendingKey(callId, key), cancellationToken) is { } marker
            ? new PendingWrite(marker.Since, time.GetUtcNow() - marker.Since, marker.Baseline)
            : null;

    public Task ClearPendingAsync(string callId, string key, CancellationToken cancellationToken) =>
        store.DeleteAsync(PendingKey(callId, key), cancellationToken);

    private static AppDataKey ClaimKey(string callId, string key) => AppDataKey.ForCall(AppDataKinds.ActionClaim, callId, key);

    private static AppDataKey PendingKey(string callId, string key) => AppDataKey.ForCall(AppDataKinds.ActionClaim, callId, "pending|" + key);

    private sealed record Marker(DateTimeOffset Since, string? Baseline);
}
