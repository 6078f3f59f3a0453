using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// The writer's transaction statements (begin, savepoint, release, rollback, commit), prepared once on the writer's
/// connection and stepped directly: they run several times per write, and each trip through a command and a data
/// reader costs more than the statement itself.
/// </summary>
internal sealed class ControlStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, sqlite3_stmt> _prepared = new(StringComparer.Ordinal);

    public ControlStatements(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Runs one statement that returns no rows; a failure is the same <see cref="SqliteException"/> a command throws.</summary>
    public void Run(string sql)
    {
        var db = _connection.Handle ?? throw new InvalidOperationException("The SQLite orchestration store's write connection is closed.");
        if (!_prepared.TryGetValue(sql, out var statement))
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out statement), db);
            _prepared[sql] = statement;
        }

        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose()
    {
        foreach (var statement in _prepared.Values)
        {
            statement.Dispose();
        }

        _prepared.Clear();
    }
}
