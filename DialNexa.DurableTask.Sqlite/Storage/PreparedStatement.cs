using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// A statement prepared once on the writer's connection and stepped directly with positional parameters (?1, ?2, ...):
/// the hot writes run thousands of times a second, and a trip through SqliteCommand and its data reader costs more than
/// the statement itself. Failures are the same <see cref="SqliteException"/> a command throws.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PreparedStatement(sqlite3 db, string sql)
    {
        _db = db;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out _), db);
    }

    public PreparedStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public PreparedStatement Bind(int index, long? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public PreparedStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public PreparedStatement Bind(int index, StoredValue value)
    {
        Check(value.Blob is { } blob ? raw.sqlite3_bind_blob(_statement, index, blob) : raw.sqlite3_bind_text(_statement, index, value.Text));
        return this;
    }

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        Reset();
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return raw.sqlite3_changes(_db);
    }

    /// <summary>Steps to the first row; false when there is none. Call <see cref="Reset"/> when done reading.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Reset();
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
