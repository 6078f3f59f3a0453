using Microsoft.Data.Sqlite;

namespace DialNexa.Durable.Storage.Sqlite;

/// <summary>The embedded store's schema, versioned: a newer file than this code understands is refused.</summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 1;

    private const string Version1 = """
        CREATE TABLE instances (
            instance_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            parent TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            history_length INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX ix_instances_created ON instances (created_at);
        CREATE INDEX ix_instances_status_created ON instances (status, created_at);
        CREATE TABLE history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE messages (
            id INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL,
            event TEXT NOT NULL
        );
        CREATE INDEX ix_messages_instance ON messages (instance_id);
        CREATE TABLE activities (
            id INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            dequeue_count INTEGER NOT NULL,
            event TEXT NOT NULL
        );
        CREATE TABLE payloads (
            key TEXT NOT NULL PRIMARY KEY,
            instance_id TEXT,
            data BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE dead_letters (
            id INTEGER NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            name TEXT,
            dequeue_count INTEGER NOT NULL,
            reason TEXT NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        );
        """;

    public static void Apply(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The embedded store '{connection.DataSource}' has schema version {version}, newer than this build understands ({CurrentVersion}). Run a newer build or point DialNexa:DataDirectory elsewhere.");
        }

        if (version == 0)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Version1 + $"PRAGMA user_version = {CurrentVersion};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
