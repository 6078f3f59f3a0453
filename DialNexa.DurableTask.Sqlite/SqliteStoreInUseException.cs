namespace DialNexa.DurableTask.Sqlite;

/// <summary>
/// The store's file is open in another host: the embedded store serves one host at a time (an OS lock on
/// "&lt;file&gt;.lock"). A host that embeds the provider can name its own settings from <see cref="DatabasePath"/>.
/// </summary>
public sealed class SqliteStoreInUseException : InvalidOperationException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public SqliteStoreInUseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SqliteStoreInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SqliteStoreInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The store at <paramref name="databasePath"/> is held: opening its lock file failed with <paramref name="innerException"/>.</summary>
    public SqliteStoreInUseException(string databasePath, IOException innerException)
        : base($"Another host has the SQLite orchestration store '{databasePath}' open (the lock file '{databasePath}.lock' is held). The embedded store serves one host at a time: stop the other host, or give this one another DataDirectory, DatabasePath or TaskHubName.", innerException)
    {
        DatabasePath = databasePath;
    }

    /// <summary>The store file another host holds.</summary>
    public string? DatabasePath { get; }
}
