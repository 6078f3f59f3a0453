using DialNexa.Functions.Json;

namespace DialNexa.Functions.AppData;

/// <summary>Typed reads and writes of app data as JSON (<see cref="AppJson"/>).</summary>
public static class AppDataStoreJsonExtensions
{
    public static async Task<T?> GetJsonAsync<T>(this IAppDataStore store, AppDataKey key, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetAsync(key, cancellationToken) is { } stored ? AppJson.Deserialize<T>(stored.Span) : null;
    }

    public static Task PutJsonAsync<T>(this IAppDataStore store, AppDataKey key, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutAsync(key, AppJson.SerializeToUtf8Bytes(value), cancellationToken);
    }

    public static Task<bool> TryAddJsonAsync<T>(this IAppDataStore store, AppDataKey key, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TryAddAsync(key, AppJson.SerializeToUtf8Bytes(value), cancellationToken);
    }

    /// <summary>Every item of one kind in one scope, read page by page.</summary>
    public static async IAsyncEnumerable<AppDataItem> ListAllAsync(
        this IAppDataStore store,
        AppDataKind kind,
        string scope,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        const int PageSize = 500;
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(kind, scope, after, PageSize, cancellationToken);
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Item;
        }
    }

    /// <summary>Every scope holding one item of a per-call kind, read page by page (see <see cref="IAppDataStore.ListScopesAsync"/>).</summary>
    public static async IAsyncEnumerable<string> ListAllScopesAsync(
        this IAppDataStore store,
        AppDataKind kind,
        string item,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        const int PageSize = 500;
        string? after = null;
        while (true)
        {
            var page = await store.ListScopesAsync(kind, item, after, PageSize, cancellationToken);
            foreach (var scope in page)
            {
                yield return scope;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }
}
