namespace DialNexa.Functions.AppData.Sqlite;

/// <summary>Where the embedded app data lives and how hard a commit is pushed to disk.</summary>
public sealed record SqliteAppDataOptions(string DatabasePath, string Synchronous = "FULL", int MaxBatchSize = 256);
