using DialNexa.Functions.AppData;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Support;

/// <summary>
/// The app's own data store with a switch: while <see cref="WritesFail"/> is on, every write throws as a full or
/// broken disk does (SQLite's I/O error) and reads still work; turned off, the store is itself again.
/// <see cref="BeforeAdd"/> runs before each conditional add, for a test that needs something to happen just then.
/// </summary>
internal sealed class SwitchableAppDataStore(IAppDataStore inner) : IAppDataStore
{
    public volatile bool WritesFail;

    public Func<AppDataKey, Task>? BeforeAdd { get; set; }

    /// <summary>Puts a switchable store in front of the store the app registers; returns the switch.</summary>
    public static Func<SwitchableAppDataStore> Install(WebApplicationBuilder builder)
    {
        SwitchableAppDataStore? installed = null;
        var original = builder.Services.Last(d => d.ServiceType == typeof(IAppDataStore));
        builder.Services.AddSingleton<IAppDataStore>(sp => installed = new SwitchableAppDataStore((IAppDataStore)original.ImplementationFactory!(sp)));
        return () => installed ?? throw new InvalidOperationException("The store has not been created yet.");
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<ReadOnlyMemory<byte>?> GetAsync(AppDataKey key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<StoredVersion?> GetVersionedAsync(AppDataKey key, CancellationToken cancellationToken) => inner.GetVersionedAsync(key, cancellationToken);

    public Task PutAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) => Write(() => inner.PutAsync(key, value, cancellationToken));

    public Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) => Write(() => inner.TryAddAsync(key, value, cancellationToken));

    public async Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, AppDataWrite putBefore, AppDataWrite putIfAdded, CancellationToken cancellationToken)
    {
        if (BeforeAdd is { } before)
        {
            await before(key);
        }

        return await Write(() => inner.TryAddAsync(key, value, putBefore, putIfAdded, cancellationToken));
    }

    public Task<bool> TryReplaceAsync(AppDataKey key, ReadOnlyMemory<byte> value, string version, CancellationToken cancellationToken) => Write(() => inner.TryReplaceAsync(key, value, version, cancellationToken));

    public Task<bool> DeleteAsync(AppDataKey key, CancellationToken cancellationToken) => Write(() => inner.DeleteAsync(key, cancellationToken));

    public Task<IReadOnlyList<AppDataItem>> ListAsync(AppDataKind kind, string scope, string? after, int pageSize, CancellationToken cancellationToken) =>
        inner.ListAsync(kind, scope, after, pageSize, cancellationToken);

    public Task<IReadOnlyList<string>> ListScopesAsync(AppDataKind kind, string item, string? after, int pageSize, CancellationToken cancellationToken) =>
        inner.ListScopesAsync(kind, item, after, pageSize, cancellationToken);

    public Task<int> DeleteScopeAsync(AppDataKind kind, string scope, CancellationToken cancellationToken) => Write(() => inner.DeleteScopeAsync(kind, scope, cancellationToken));

    private Task<T> Write<T>(Func<Task<T>> write) => WritesFail ? Task.FromException<T>(new SqliteException("disk I/O error", 10)) : write();

    private Task Write(Func<Task> write) => WritesFail ? Task.FromException(new SqliteException("disk I/O error", 10)) : write();
}
