using DialNexa.DurableTask.Sqlite.Storage;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.AppData.Sqlite;

/// <summary>
/// App data in one SQLite file beside the embedded hub: WAL, <c>synchronous=FULL</c> by default, <c>secure_delete</c> so
/// erased values do not linger in free pages, the file readable by its owner only. Writes go through the embedded
/// orchestration service's group-commit writer (every waiting write shares a transaction and its fsync); reads use
/// pooled connections of their own.
/// </summary>
internal sealed class SqliteAppDataStore : IAppDataStore, IAsyncDisposable
{
    /// <summary>
    /// A rowid table with a unique index on the key. Files of earlier builds kept the rows WITHOUT ROWID, where
    /// the whole row is the B-tree's key: a value that spills onto overflow pages is read whole for every key SQLite
    /// compares on the way to a row. Those are copied into this layout on open (<see cref="RowidLayout"/>).
    /// </summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS app_data (
            scope TEXT NOT NULL,
            kind TEXT NOT NULL,
            item TEXT NOT NULL,
            value BLOB NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (scope, kind, item)
        );
        """;

    /// <summary>An older file's rows moved out of their WITHOUT ROWID table, in one transaction.</summary>
    private const string RowidLayout = """
        ALTER TABLE app_data RENAME TO app_data_without_rowid;
        """ + Schema + """
        INSERT INTO app_data SELECT * FROM app_data_without_rowid;
        DROP TABLE app_data_without_rowid;
        """;

    private const string Upsert =
        "INSERT INTO app_data (scope, kind, item, value, version) VALUES ($scope, $kind, $item, $value, $version) " +
        "ON CONFLICT (scope, kind, item) DO UPDATE SET value = excluded.value, version = excluded.version";

    private const string InsertIfNew =
        "INSERT INTO app_data (scope, kind, item, value, version) VALUES ($scope, $kind, $item, $value, $version) ON CONFLICT DO NOTHING";

    private readonly SqliteAppDataOptions _options;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private SqliteConnection? _writeConnection;
    private SqliteWriter? _writer;
    private WalCheckpointer? _checkpointer;
    private string _readConnectionString = "";
    private long _nextVersion;
    private int _disposed;

    public SqliteAppDataStore(SqliteAppDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Transactions and writes committed so far, and the writer thread's time in transactions (the benchmarks report them per call).</summary>
    internal (long Commits, long Writes, TimeSpan Busy) WriteCounts => _writer is { } writer ? (writer.Commits, writer.Writes, writer.Busy) : (0, 0, TimeSpan.Zero);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath))!;
            Directory.CreateDirectory(directory);
            OwnerOnly(_options.DatabasePath);
            var builder = new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Pooling = true, Cache = SqliteCacheMode.Private };
            _writeConnection = new SqliteConnection(builder.ToString());
            await _writeConnection.OpenAsync(cancellationToken);
            Execute(_writeConnection, "PRAGMA journal_mode = WAL;");
            Execute(_writeConnection, $"PRAGMA synchronous = {ValidSynchronous(_options.Synchronous)};");
            Execute(_writeConnection, "PRAGMA secure_delete = ON;");
            // The shared writer steps BEGIN and COMMIT directly (no retry on SQLITE_BUSY): SQLite's busy handler waits
            // out a lock a reader holds for a moment, where a webhook's write would otherwise fail with "database is locked".
            Execute(_writeConnection, "PRAGMA busy_timeout = 5000;");
            // As in the orchestration store: a background checkpointer copies the log into the file off the writer's path,
            // so the writer's own checkpoint (at 2,000 pages) finds little left to copy instead of stalling every write
            // queued behind it (a webhook's among them), and the log is reset and reused instead of growing.
            Execute(_writeConnection, "PRAGMA wal_autocheckpoint = 2000;");
            Execute(_writeConnection, "PRAGMA journal_size_limit = 67108864;");
            Execute(_writeConnection, Schema);
            if (WithoutRowid(_writeConnection))
            {
                using var transaction = _writeConnection.BeginTransaction();
                using var command = _writeConnection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = RowidLayout;
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            using (var command = _writeConnection.CreateCommand())
            {
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM app_data";
                _nextVersion = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            builder.Mode = SqliteOpenMode.ReadWrite;
            _readConnectionString = builder.ToString();
            _writer = new SqliteWriter(_writeConnection, _options.MaxBatchSize, RunAll);
            var writer = _writer;
            _checkpointer = new WalCheckpointer(_readConnectionString, () => writer.Commits);
        }
        finally
        {
            _startGate.Release();
        }
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(AppDataKey key, CancellationToken cancellationToken) =>
        await GetVersionedAsync(key, cancellationToken) is { } stored ? (ReadOnlyMemory<byte>?)stored.Value : null;

    public async Task<StoredVersion?> GetVersionedAsync(AppDataKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, version FROM app_data WHERE scope = $scope AND kind = $kind AND item = $item";
        Bind(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredVersion((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    public Task PutAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var bytes = value.ToArray();
        return Writer.WriteUrgentAsync(batch => batch.Execute(Upsert, Parameters(key, bytes, NextVersion())), cancellationToken);
    }

    public Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var bytes = value.ToArray();
        return Writer.WriteUrgentAsync(batch => batch.Execute(InsertIfNew, Parameters(key, bytes, NextVersion())) == 1, cancellationToken);
    }

    /// <summary>The three writes in one transaction: one commit (one fsync) where the default takes three.</summary>
    public Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, AppDataWrite putBefore, AppDataWrite putIfAdded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(putBefore);
        ArgumentNullException.ThrowIfNull(putIfAdded);
        var (before, bytes, after) = (putBefore.Value.ToArray(), value.ToArray(), putIfAdded.Value.ToArray());
        return Writer.WriteUrgentAsync(
            batch =>
            {
                batch.Execute(Upsert, Parameters(putBefore.Key, before, NextVersion()));
                if (batch.Execute(InsertIfNew, Parameters(key, bytes, NextVersion())) != 1)
                {
                    return false;
                }

                batch.Execute(Upsert, Parameters(putIfAdded.Key, after, NextVersion()));
                return true;
            },
            cancellationToken);
    }

    public Task<bool> TryReplaceAsync(AppDataKey key, ReadOnlyMemory<byte> value, string version, CancellationToken cancellationToken)
    {
        if (!long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            return Task.FromResult(false);
        }

        var bytes = value.ToArray();
        return Writer.WriteUrgentAsync(batch => batch.Execute(
            "UPDATE app_data SET value = $value, version = $version WHERE scope = $scope AND kind = $kind AND item = $item AND version = $expected",
            [.. Parameters(key, bytes, NextVersion()), ("$expected", expected)]) == 1, cancellationToken);
    }

    public Task<bool> DeleteAsync(AppDataKey key, CancellationToken cancellationToken) =>
        Writer.WriteUrgentAsync(batch => batch.Execute(
            "DELETE FROM app_data WHERE scope = $scope AND kind = $kind AND item = $item",
            ("$scope", key.Scope), ("$kind", key.Kind.Name), ("$item", key.Item)) == 1, cancellationToken);

    public async Task<IReadOnlyList<AppDataItem>> ListAsync(AppDataKind kind, string scope, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT item, value FROM app_data WHERE scope = $scope AND kind = $kind AND item > $after ORDER BY item LIMIT $limit";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$kind", kind.Name);
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", pageSize);
        var items = new List<AppDataItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AppDataItem(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return items;
    }

    public async Task<IReadOnlyList<string>> ListScopesAsync(AppDataKind kind, string item, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT scope FROM app_data WHERE kind = $kind AND item = $item AND scope > $after ORDER BY scope LIMIT $limit";
        command.Parameters.AddWithValue("$kind", kind.Name);
        command.Parameters.AddWithValue("$item", item);
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", pageSize);
        var scopes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            scopes.Add(reader.GetString(0));
        }

        return scopes;
    }

    public Task<int> DeleteScopeAsync(AppDataKind kind, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Writer.WriteUrgentAsync(batch => batch.Execute(
            "DELETE FROM app_data WHERE scope = $scope AND kind = $kind",
            ("$scope", scope), ("$kind", kind.Name)), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_writeConnection is not null)
        {
            Execute(_writeConnection, "PRAGMA wal_checkpoint(TRUNCATE);");
            await _writeConnection.DisposeAsync();
        }

        _startGate.Dispose();
    }

    private static void RunAll(List<Action> afterCommit)
    {
        foreach (var action in afterCommit)
        {
            action();
        }
    }

    private SqliteWriter Writer => _writer ?? throw new InvalidOperationException("The app data store has not been initialized.");

    private long NextVersion() => Interlocked.Increment(ref _nextVersion);

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("The app data store has not been initialized.");
        }

        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static (string Name, object? Value)[] Parameters(AppDataKey key, byte[] value, long version) =>
        [("$scope", key.Scope), ("$kind", key.Kind.Name), ("$item", key.Item), ("$value", value), ("$version", version)];

    private static void Bind(SqliteCommand command, AppDataKey key)
    {
        command.Parameters.AddWithValue("$scope", key.Scope);
        command.Parameters.AddWithValue("$kind", key.Kind.Name);
        command.Parameters.AddWithValue("$item", key.Item);
    }

    private static bool WithoutRowid(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'app_data'";
        return command.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The database and its WAL hold call data: readable and writable by the app's own user only.</summary>
    private static void OwnerOnly(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string ValidSynchronous(string value) => value.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new InvalidOperationException(
            $"extensions__durableTask__storageProvider__synchronous is '{value}'; use FULL (a 2xx means the commit is on disk) or NORMAL."),
    };
}
