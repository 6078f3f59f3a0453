using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>The store's schema, versioned in <c>PRAGMA user_version</c>: a newer file than this code understands is refused.</summary>
/// <remarks>
/// Version 2 has the tables of version 1; what changed is what their rows may hold: history events and task messages
/// written as <see cref="CompactJson"/> blobs (see <see cref="StoredFormat"/>). A version 1 file is taken as it is (its
/// text rows are read by the first codec) and marked version 2, so a build that reads only text refuses it from then on.
/// </remarks>
internal static class SqliteSchema
{
    public const int CurrentVersion = 2;

    /// <summary>
    /// Laid out so a commit dirties few pages: rows are appended in rowid order (history, messages, activities), and only
    /// the instances table and the compact history index take writes at random places. messages and activities hold
    /// pending work only (small), so deleting an instance's rows scans them rather than paying an index on every write.
    /// instances: one row per instance ID, the latest execution only (ContinueAsNew and a replacing start reset it).
    /// history: one row per episode, its new events as one JSON array, keyed by the position of its first event.
    /// messages: orchestration messages not yet consumed, timers and scheduled starts included (visible_at in the future).
    /// activities: scheduled activities not yet completed. dead_letters: work given up after too many failed attempts.
    /// </summary>
    private const string Tables = """
        CREATE TABLE instances (
            instance_id TEXT NOT NULL PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            status INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            parent TEXT,
            tags TEXT,
            generation INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            scheduled_start INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX ix_instances_created ON instances (created_at);
        CREATE INDEX ix_instances_status_created ON instances (status, created_at);
        CREATE TABLE history (
            id INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            events TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ix_history_instance ON history (instance_id, seq);
        CREATE TABLE messages (
            id INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL,
            message TEXT NOT NULL
        );
        CREATE TABLE activities (
            id INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            dequeue_count INTEGER NOT NULL,
            message TEXT NOT NULL
        );
        CREATE TABLE dead_letters (
            id INTEGER NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL,
            reason TEXT NOT NULL,
            messages TEXT NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        );
        """;

    public static void Apply(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite orchestration store '{connection.DataSource}' has schema version {version}, newer than this build understands ({CurrentVersion}). Run a newer build or point the settings' DataDirectory or DatabasePath elsewhere.");
        }

        if (version == 0)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Tables + $"PRAGMA user_version = {CurrentVersion};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        else if (version < CurrentVersion)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {CurrentVersion};";
            command.ExecuteNonQuery();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
