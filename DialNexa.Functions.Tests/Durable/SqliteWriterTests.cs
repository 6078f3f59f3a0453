using DialNexa.Durable.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The embedded store's single writer: writes queued together share one transaction, and one failing write undoes only itself.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "dialnexa-writer-tests", Guid.NewGuid().ToString("N") + ".db");
    private SqliteConnection _connection = null!;
    private SqliteWriter _writer = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        _writer = new SqliteWriter(_connection, maxBatchSize: 64);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>Starts a write that keeps the writer in its transaction until <paramref name="hold"/> is set, so the next writes queue up together.</summary>
    private async Task<Task<bool>> HoldWriterAsync(ManualResetEventSlim hold)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = _writer.WriteAsync(_ =>
        {
            held.SetResult();
            return hold.Wait(TimeSpan.FromSeconds(10));
        });
        await held.Task;
        return holding;
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfABatchFails_OnlyThatWriteIsUndoneAndOnlyItsCallerSeesTheError()
    {
        using var hold = new ManualResetEventSlim();
        var holding = await HoldWriterAsync(hold);
        var afterCommit = new List<int>();
        var writes = Enumerable.Range(1, 5).Select(i => _writer.WriteAsync(batch =>
        {
            batch.Execute("INSERT INTO t (id, v) VALUES ($id, $v)", ("$id", i), ("$v", "row " + i));
            batch.AfterCommit(() => afterCommit.Add(i));
            if (i == 3)
            {
                // The same key again: a constraint failure after this write has already changed the table.
                batch.Execute("INSERT INTO t (id, v) VALUES ($id, $v)", ("$id", i), ("$v", "again"));
            }
        })).ToList();
        var commitsBefore = _writer.Commits;
        hold.Set();
        Assert.True(await holding);

        await Task.WhenAll(writes.Where((_, index) => index != 2));
        var failure = await Assert.ThrowsAsync<SqliteException>(() => writes[2]);
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(2, _writer.Commits - commitsBefore); // the held transaction, then the one they all share
        Assert.Equal([1, 2, 4, 5], afterCommit.Order());

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)";
        Assert.Equal("1,2,4,5", await _writer.WriteAsync(_ => (string)read.ExecuteScalar()!));
    }

    [Fact]
    public async Task WriteAsync_NoWriteFails_EveryWriteCommitsInOneTransaction()
    {
        using var hold = new ManualResetEventSlim();
        var holding = await HoldWriterAsync(hold);
        var writes = Enumerable.Range(1, 20).Select(i => _writer.WriteAsync(batch => batch.Execute("INSERT INTO t (id, v) VALUES ($id, 'x')", ("$id", i)))).ToList();
        var commitsBefore = _writer.Commits;
        hold.Set();
        await holding;
        await Task.WhenAll(writes);

        Assert.Equal(2, _writer.Commits - commitsBefore); // the held transaction, then the one they all share
        Assert.All(writes, w => Assert.Equal(1, w.Result));
    }
}
