using DialNexa.Benchmarks.Scenarios;
using DialNexa.DurableTask.Sqlite;
using Microsoft.Data.Sqlite;

namespace DialNexa.Benchmarks.Stores;

/// <summary>
/// The raw SQLite rate on this disk, beside each embedded run: single-row transactions one after another on one
/// connection, WAL, with the run's synchronous mode, in the run's own folder, for about 2 seconds.
/// </summary>
internal static class SqliteCommitProbe
{
    /// <summary>Measures the raw rate in the run's folder with the run's synchronous mode and logs it.</summary>
    public static async Task<(SqliteSynchronousMode Synchronous, double CommitsPerSecond)> MeasureAsync(BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var synchronous = run.Options.Synchronous;
        var rate = CommitsPerSecond(run.WorkDirectory, synchronous);
        await run.LogAsync($"raw SQLite: {rate:F0} commits/s (WAL, synchronous={synchronous.ToString().ToUpperInvariant()})");
        return (synchronous, rate);
    }

    public static double CommitsPerSecond(string directory, SqliteSynchronousMode synchronous)
    {
        var path = Path.Combine(directory, "raw-commit-probe.db");
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, v TEXT);";
                setup.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO probe (v) VALUES ('x')";
            var clock = Stopwatch.StartNew();
            var commits = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
                transaction.Commit();
                commits++;
            }

            return commits / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
