namespace DialNexa.Durable.Storage.Sqlite;

/// <summary>Settings of the embedded store.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The folder holding the database file (created when missing).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The task hub: one database file per hub, so environments and test runs stay apart.</summary>
    public string HubName { get; init; } = "DialNexaHub";

    /// <summary>FULL (default: a commit is on disk before it is acknowledged) or NORMAL (faster; a power cut may lose the last commits).</summary>
    public string Synchronous { get; init; } = "FULL";

    /// <summary>How many writes at most share one transaction (group commit).</summary>
    public int MaxBatchSize { get; init; } = 512;

    public string DatabasePath => Path.Combine(DataDirectory, HubName + ".db");
}
