using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// Copies the write-ahead log into the database file from a connection of its own, off the writer's path, so the
/// writer's own (automatic) checkpoint finds little left to copy. Passive: it never blocks the writer.
/// </summary>
public sealed class WalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection _connection;
    private readonly Func<long> _commits;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Opens its own connection to the store and starts checkpointing every quarter second while commits come.</summary>
    /// <param name="connectionString">The store's file, opened read-write (the checkpoint writes the database file).</param>
    /// <param name="commits">The writer's commit count: no commit since the last round, no checkpoint.</param>
    public WalCheckpointer(string connectionString, Func<long> commits)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _commits = commits;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Stops the loop and closes its connection.</summary>
    /// <returns>Completes once the loop has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var checkpointedAt = 0L;
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var commits = _commits();
            if (commits == checkpointedAt)
            {
                continue;
            }

            try
            {
                command.ExecuteNonQuery();
                checkpointedAt = commits;
            }
            catch (SqliteException)
            {
                // Busy or out of space: the log keeps the data; the next round tries again.
            }
        }
    }
}
