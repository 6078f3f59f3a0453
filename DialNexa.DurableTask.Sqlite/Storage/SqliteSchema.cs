using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>The store's schema, versioned in <c>PRAGMA user_version</c>: a newer file than this code understands is refused.</summary>
/// <remarks>
/// Version 2 has the tables of version 1; what changed is what their rows may hold: history events and task messages
/// written as <see cref="CompactJson"/> blobs (see <see cref="StoredFormat"/>). A version 1 file's text rows are still
/// read by the first codec.
/// Version 3 keeps the instances in a rowid table with a unique index on the instance ID. Versions 1 and 2 kept them
/// WITHOUT ROWID, where the whole row is the B-tree's key: a row with a large input, output or custom status spills onto
/// overflow pages, and SQLite reads a key's overflow pages whole for every key it compares on the way to a row (in
/// call-handoff that was about 8% of the host's CPU). On open, an older file's instances are copied into the new table
/// in one transaction, and the file is marked version 3, so an older build refuses it from then on.
/// </remarks>
internal static class SqliteSchema
{
    public const int CurrentVersion = 3;

    /// <summary>
    /// Laid out so a commit dirties few pages: rows are appended in rowid order (history, messages, activities), and only
    /// the instances table and the compact history index take writes at random places. messages and activities hold
    /// pending work only (small), so deleting an instance's rows scans them rather than paying an index on every write.
    /// instances: one row per instance ID, the latest execution only (ContinueAsNew and a replacing start reset it).
    /// history: one row per episode, its new events as one JSON array, keyed by the position of its first event.
    /// messages: orchestration messages not yet consumed, timers and scheduled starts included (visible_at in the future).
    /// activities: scheduled activities not yet completed. dead_letters: work given up after too many failed attempts.
    /// </summary>
    private const string InstancesTable = """
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
        );
        """;

    /// <summary>The instances table's secondary indexes.</summary>
    private const string InstanceIndexes = """
        CREATE INDEX ix_instances_created ON instances (created_at);
        CREATE INDEX ix_instances_status_created ON instances (status, created_at);
        """;

    /// <summary>Every table but instances.</summary>
    private const string OtherTables = """
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

    /// <summary>An older file's instances moved into a rowid table (the old table's indexes go with it, and are made again).</summary>
    private const string RowidInstances =
        "ALTER TABLE instances RENAME TO instances_without_rowid;" +
        "DROP INDEX ix_instances_created;" +
        "DROP INDEX ix_instances_status_created;" +
        InstancesTable +
        "INSERT INTO instances SELECT * FROM instances_without_rowid;" +
        "DROP TABLE instances_without_rowid;" +
        InstanceIndexes;

    public static void Apply(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite orchestration store '{connection.DataSource}' has schema version {version}, newer than this build understands ({CurrentVersion}). Run a newer build or point the settings' DataDirectory or DatabasePath elsewhere.");
        }

        if (version == CurrentVersion)
        {
            return;
        }

        var changes = version == 0 ? InstancesTable + InstanceIndexes + OtherTables : RowidInstances;
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = changes + $"PRAGMA user_version = {CurrentVersion};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
