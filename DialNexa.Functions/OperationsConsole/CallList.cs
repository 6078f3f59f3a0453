using DialNexa.Functions.Handoff;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Json;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The console's list of calls: one <see cref="ListedCall"/> per call in the app data index
/// <see cref="AppDataKinds.ConsoleCall"/>, written by the handoff as it moves (<c>CallList.Writes.cs</c>), never built
/// by reading orchestration instances. Pages read an in-memory copy, newest first: this host's writes update it at once,
/// and it is read again from the store, in the background, when older than <see cref="ConsoleOptions.ListRefresh"/>
/// (another host's writes, and erasures, which delete the index entry with the call).
/// </summary>
internal sealed partial class CallList(IAppDataStore store, SearchDigests digests, IOptions<ConsoleOptions> options, TimeProvider time) : ICallListing
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Lock _gate = new();
    private Dictionary<string, ListedCall>? _rows;
    private ListedCall[]? _newestFirst;
    private DateTimeOffset _loadedAt;

    /// <summary>
    /// Every listed call, newest first. A stale copy is served while it is read again in the background, so no page
    /// waits for the store but the first (and every page, when <see cref="ConsoleOptions.ListRefresh"/> is zero).
    /// </summary>
    public async Task<IReadOnlyList<ListedCall>> NewestFirstAsync(CancellationToken cancellationToken)
    {
        if (IsStale())
        {
            bool loaded;
            lock (_gate)
            {
                loaded = _rows is not null;
            }

            if (!loaded || options.Value.ListRefresh == TimeSpan.Zero)
            {
                await ReloadAsync(cancellationToken);
            }
            else if (_reloadGate.CurrentCount > 0)
            {
                _ = Task.Run(() => ReloadQuietlyAsync());
            }
        }

        lock (_gate)
        {
            return _newestFirst ??= [.. _rows!.Values.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.CallId, StringComparer.Ordinal)];
        }
    }

    /// <summary>One call's entry, read from the store (not the copy), or null when the call is not listed.</summary>
    public Task<ListedCall?> ReadAsync(string callId, CancellationToken cancellationToken) =>
        store.GetJsonAsync<ListedCall>(KeyOf(callId), cancellationToken);

    /// <summary>The call's entry in the index: what erasure deletes with the call.</summary>
    public static AppDataKey KeyOf(string callId) => AppDataKey.InIndex(AppDataKinds.ConsoleCall, callId);

    private bool IsStale()
    {
        lock (_gate)
        {
            return _rows is null || time.GetUtcNow() - _loadedAt >= options.Value.ListRefresh;
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            if (!IsStale())
            {
                return;
            }

            var startedAt = time.GetUtcNow();
            var rows = new Dictionary<string, ListedCall>(StringComparer.Ordinal);
            await foreach (var item in store.ListAllAsync(AppDataKinds.ConsoleCall, AppDataKinds.ConsoleCall.IndexScope, cancellationToken))
            {
                if (AppJson.Deserialize<ListedCall>(item.Value.Span) is { } row)
                {
                    rows[row.CallId] = row;
                }
            }

            lock (_gate)
            {
                _rows = rows;
                _newestFirst = null;
                _loadedAt = startedAt;
            }
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>A background reload: a store that fails now is read again by the next page that finds the copy stale.</summary>
    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception ex) when (StoreOutage.Is(ex))
        {
            // The copy stays as it was; the next stale read tries again.
        }
    }

    private void Remember(ListedCall row)
    {
        lock (_gate)
        {
            if (_rows is not null)
            {
                _rows[row.CallId] = row;
                _newestFirst = null;
            }
        }
    }
}
