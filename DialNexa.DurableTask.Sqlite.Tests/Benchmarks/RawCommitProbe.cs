using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>The raw SQLite rate on this disk: single-row transactions, WAL, with the same synchronous mode as the run.</summary>
internal static class RawCommitProbe
{
    public static double MeasureCommitsPerSecond(string directory, SqliteSynchronousMode synchronous, TimeSpan duration)
    {
        var path = Path.Combine(directory, "raw-commit-probe.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, v TEXT);";
                setup.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO probe (v) VALUES ('x')";
            var watch = Stopwatch.StartNew();
            var commits = 0;
            while (watch.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
                transaction.Commit();
                commits++;
            }

            return commits / watch.Elapsed.TotalSeconds;
        }
    }
}
