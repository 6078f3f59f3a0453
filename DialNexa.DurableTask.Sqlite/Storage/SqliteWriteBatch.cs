using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// The writer's view of the open transaction: cached prepared commands, and actions to run once the batch has
/// committed (publishing work to the in-memory queues must never happen before the data is durable).
/// </summary>
public sealed class SqliteWriteBatch(SqliteConnection connection)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<Action> _afterCommit = [];
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>A hot statement with positional parameters, prepared once (see <see cref="PreparedStatement"/>).</summary>
    internal PreparedStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new PreparedStatement(connection.Handle ?? throw new InvalidOperationException("The SQLite orchestration store's write connection is closed."), sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    /// <summary>A cached command for <paramref name="sql"/> in the open transaction, with these named parameter values bound.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its named parameters and their values.</param>
    /// <returns>The command, ready to run.</returns>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        // A cached statement is run with the same parameter names each time: set the values in place rather than
        // allocating new parameters (and their binders) for each of the thousands of writes a second.
        var bound = command.Parameters;
        if (!SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private static bool SameNames(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs a statement in the open transaction.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its named parameters and their values.</param>
    /// <returns>The number of rows changed.</returns>
    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

    /// <summary>Runs a query in the open transaction and returns its first value.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Its named parameters and their values.</param>
    /// <returns>The first column of the first row, or null.</returns>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteScalar();

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (never if it does not).</summary>
    /// <param name="action">What to do after the commit, such as publishing work to memory.</param>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    internal List<Action> TakeAfterCommit()
    {
        var actions = new List<Action>(_afterCommit);
        _afterCommit.Clear();
        return actions;
    }

    internal void DiscardAfterCommit(int keep) => _afterCommit.RemoveRange(keep, _afterCommit.Count - keep);

    internal int AfterCommitCount => _afterCommit.Count;

    internal void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
