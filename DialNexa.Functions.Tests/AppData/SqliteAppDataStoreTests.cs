using System.Buffers.Binary;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.Sqlite;
using DialNexa.Functions.Tests.Hosting;

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
    public async Task Writes_AreCopiedFromTheLogIntoTheFileInTheBackground_LongBeforeTheWritersOwnCheckpoint()
    {
        var path = Path.Combine(_directory, "appdata.sqlite");
        var pagesBefore = PagesInFileHeader(path);

        // About 80 pages: far below the 2,000 at which the writer would stop to checkpoint the log itself.
        for (var i = 0; i < 40; i++)
        {
            await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.ApprovalOutcome, $"call_{i}", "req"), new byte[4096], CancellationToken.None);
        }

        await Poll.UntilAsync(() => Task.FromResult(PagesInFileHeader(path) >= pagesBefore + 40), "the background checkpoint copying the log into the database file", seconds: 10);
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
    public async Task TryAddWithPuts_IsOneTransaction_AndAFailedWriteLeavesNoneOfTheThree()
    {
        var sqlite = (SqliteAppDataStore)Store;
        var ledger = AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_1", "ledger");
        var body = AppDataKey.ForCall(AppDataKinds.InboxBody, "call_1", "h1");
        var open = AppDataKey.InIndex(AppDataKinds.InboxOpen, "call_1");
        var before = sqlite.WriteCounts.Commits;
        Assert.True(await Store.TryAddAsync(ledger, new byte[] { 1 }, new AppDataWrite(body, new byte[] { 2 }), new AppDataWrite(open, new byte[] { 3 }), CancellationToken.None));
        Assert.Equal(before + 1, sqlite.WriteCounts.Commits);

        // The last of the three refused (a trigger stands in for a disk that fails mid-transaction): none is kept.
        var ledger2 = AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_2", "ledger");
        var body2 = AppDataKey.ForCall(AppDataKinds.InboxBody, "call_2", "h1");
        var open2 = AppDataKey.InIndex(AppDataKinds.InboxOpen, "call_2");
        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "appdata.sqlite")};Pooling=False"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse_open BEFORE INSERT ON app_data WHEN NEW.kind = 'inbox-open' AND NEW.item = 'call_2' BEGIN SELECT RAISE(ABORT, 'refused'); END";
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => Store.TryAddAsync(ledger2, new byte[] { 1 }, new AppDataWrite(body2, new byte[] { 2 }), new AppDataWrite(open2, new byte[] { 3 }), CancellationToken.None));
        Assert.Null(await Store.GetAsync(body2, CancellationToken.None));
        Assert.Null(await Store.GetAsync(ledger2, CancellationToken.None));
        Assert.Null(await Store.GetAsync(open2, CancellationToken.None));
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

    /// <summary>The database size the file's own header records (read from the file, not through SQLite, which would read the log too).</summary>
    private static uint PagesInFileHeader(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[100];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
    }
}
