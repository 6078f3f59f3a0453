namespace DialNexa.DurableTask.Sqlite;

/// <summary>How SQLite syncs the write-ahead log at each commit (<c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Each commit is on disk before the store acknowledges it: a power cut loses nothing acknowledged. The default.</summary>
    Full,

    /// <summary>Faster: a process crash loses nothing, but a power cut or OS crash may lose the last commits.</summary>
    Normal,
}
