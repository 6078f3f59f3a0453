using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.Sqlite;

namespace DialNexa.Functions.Tests.AppData;

/// <summary>The app data contract on the embedded SQLite file, and what only a file on this machine can show.</summary>
public sealed class SqliteAppDataStoreTests : AppDataStoreConformanceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dialnexa-appdata-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IAppDataStore> OpenAsync() =>
        Task.FromResult<IAppDataStore>(new SqliteAppDataStore(new SqliteAppDataOptions(Path.Combine(_directory, "appdata.sqlite"))));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void TheDatabaseFile_IsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(Path.Combine(_directory, "appdata.sqlite"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task AWrite_WhileAnotherConnectionHoldsTheFileForAMoment_WaitsAndIsStored()
    {
        var key = AppDataKey.ForCall(AppDataKinds.ApprovalOutcome, "call_1", "req");
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "appdata.sqlite")};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var write = Store.PutAsync(key, new byte[] { 7 }, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        await using (var end = other.CreateCommand())
        {
            end.CommandText = "ROLLBACK";
            await end.ExecuteNonQueryAsync();
        }

        await write;
        Assert.Equal(new byte[] { 7 }, (await Store.GetAsync(key, CancellationToken.None))!.Value.ToArray());
    }

    [Fact]
    public async Task AValueWritten_SurvivesReopeningTheFile()
    {
        var key = AppDataKey.ForCall(AppDataKinds.ApprovalOutcome, "call_1", "req");
        await Store.PutAsync(key, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await ((IAsyncDisposable)Store).DisposeAsync();

        await using var reopened = new SqliteAppDataStore(new SqliteAppDataOptions(Path.Combine(_directory, "appdata.sqlite")));
        await reopened.InitializeAsync(CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, (await reopened.GetAsync(key, CancellationToken.None))!.Value.ToArray());
    }

    [Fact]
    public async Task AFileOfAnEarlierBuild_KeptWithoutRowid_IsMovedToTheRowidLayoutWithEveryRowAndVersion()
    {
        var path = Path.Combine(_directory, "earlier.sqlite");
        var small = AppDataKey.ForCall(AppDataKinds.ApprovalOutcome, "call_1", "req");
        var large = AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_1", "h1");
        var largeValue = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();
        string smallVersion;
        await using (var earlier = new SqliteAppDataStore(new SqliteAppDataOptions(path)))
        {
            await earlier.InitializeAsync(CancellationToken.None);
            await earlier.PutAsync(small, new byte[] { 1 }, CancellationToken.None);
            await earlier.PutAsync(large, largeValue, CancellationToken.None);
            smallVersion = (await earlier.GetVersionedAsync(small, CancellationToken.None))!.Version;
        }

        // The table as earlier builds made it.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                ALTER TABLE app_data RENAME TO rows;
                CREATE TABLE app_data (scope TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, value BLOB NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (scope, kind, item)) WITHOUT ROWID;
                INSERT INTO app_data SELECT * FROM rows;
                DROP TABLE rows;
                """;
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var reopened = new SqliteAppDataStore(new SqliteAppDataOptions(path)))
        {
            await reopened.InitializeAsync(CancellationToken.None);
            Assert.Equal(largeValue, (await reopened.GetAsync(large, CancellationToken.None))!.Value.ToArray());
            Assert.True(await reopened.TryReplaceAsync(small, new byte[] { 2 }, smallVersion, CancellationToken.None));
            Assert.Equal(new byte[] { 2 }, (await reopened.GetAsync(small, CancellationToken.None))!.Value.ToArray());
        }

        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT group_concat(name || ':' || sql, ' | ') FROM sqlite_master WHERE type = 'table'";
        var schema = (string)(await tables.ExecuteScalarAsync())!;
        Assert.StartsWith("app_data:", schema, StringComparison.Ordinal);
        Assert.DoesNotContain("WITHOUT ROWID", schema, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("|", schema, StringComparison.Ordinal);
    }
}
