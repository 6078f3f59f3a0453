using DialNexa.Functions.AppData;

namespace DialNexa.Functions.Providers;

/// <summary>The outbox on the app data store: a claim is a value inserted only if its key is new, kept under the call.</summary>
internal sealed class StoreActionOutbox(IAppDataStore store, TimeProvider time) : IActionOutbox
{
    public Task<bool> TryClaimAsync(string callId, string key, CancellationToken cancellationToken) =>
        store.TryAddAsync(AppDataKey.ForCall(AppDataKinds.ActionClaim, callId, key), System.Text.Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O")), cancellationToken);
}
