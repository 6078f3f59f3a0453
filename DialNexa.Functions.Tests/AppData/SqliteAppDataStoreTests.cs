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
}
