using System.Text.RegularExpressions;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>Settings of <see cref="SqliteOrchestrationService"/>. Checked by <see cref="Validate"/> when the service is built.</summary>
public sealed partial record SqliteOrchestrationServiceSettings
{
    /// <summary>
    /// The folder holding the store: the file is <c>&lt;DataDirectory&gt;/&lt;TaskHubName&gt;.db</c> (the folder is created when
    /// missing). Set this or <see cref="DatabasePath"/>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The store's file, when it should not be derived from <see cref="DataDirectory"/> and <see cref="TaskHubName"/>.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>The task hub: one file per hub, so apps, environments and test runs stay apart. Letters, digits, '-' and '_', starting with a letter.</summary>
    public string TaskHubName { get; init; } = "DialNexaHub";

    /// <summary>FULL (the default: a commit is on disk before it is acknowledged) or NORMAL.</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>Orchestration work items this host runs at once (extended sessions hold one while they wait). Default 100.</summary>
    public int MaxConcurrentOrchestrationWorkItems { get; init; } = 100;

    /// <summary>Activities this host runs at once. Default 100.</summary>
    public int MaxConcurrentActivityWorkItems { get; init; } = 100;

    /// <summary>
    /// Attempts a work item gets: after this many failed ones (abandoned, not counting attempts the store itself could not
    /// commit) it is dead-lettered: an orchestration fails, an activity fails in its orchestration, each with the reason. Default 5.
    /// </summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Instances whose history is kept in memory between episodes, so the next episode does not read the file. Default 5,000.</summary>
    public int InstanceCacheSize { get; init; } = 5_000;

    /// <summary>
    /// Extended sessions: an orchestration stays loaded in the dispatcher and is fed its next messages without a reload and
    /// replay, for up to this long without new messages. <see cref="TimeSpan.Zero"/> turns sessions off. Default 10 s.
    /// </summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// False (the default): an activity's result goes to its orchestration in memory and is made durable by the
    /// orchestration's next checkpoint (one commit per step); a crash before that checkpoint runs the activity again.
    /// True: each result is committed when the activity completes (two commits per step, no re-run once completed).
    /// </summary>
    public bool PersistActivityResultsOnCompletion { get; init; }

    /// <summary>Writes at most in one transaction (group commit). Default 512.</summary>
    public int MaxWritesPerCommit { get; init; } = 512;

    /// <summary>The store's file, from <see cref="DatabasePath"/> or <see cref="DataDirectory"/> and <see cref="TaskHubName"/>.</summary>
    public string ResolvedDatabasePath => Path.GetFullPath(
        !string.IsNullOrWhiteSpace(DatabasePath) ? DatabasePath : Path.Combine(DataDirectory ?? "", TaskHubName + ".db"));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is missing or out of range.</summary>
    public void Validate()
    {
        var hasDirectory = !string.IsNullOrWhiteSpace(DataDirectory);
        var hasPath = !string.IsNullOrWhiteSpace(DatabasePath);
        if (hasDirectory == hasPath)
        {
            throw Invalid(nameof(DataDirectory), hasPath
                ? "set DataDirectory or DatabasePath, not both."
                : "set DataDirectory (the store is <DataDirectory>/<TaskHubName>.db) or DatabasePath.");
        }

        if (string.IsNullOrEmpty(TaskHubName) || !HubNamePattern().IsMatch(TaskHubName))
        {
            throw Invalid(nameof(TaskHubName), $"'{TaskHubName}' is not a task hub name: use 1 to 64 letters, digits, '-' or '_', starting with a letter.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            throw Invalid(nameof(Synchronous), $"'{Synchronous}' is not a mode: use Full or Normal.");
        }

        RequireRange(nameof(MaxConcurrentOrchestrationWorkItems), MaxConcurrentOrchestrationWorkItems, 1, 10_000);
        RequireRange(nameof(MaxConcurrentActivityWorkItems), MaxConcurrentActivityWorkItems, 1, 10_000);
        RequireRange(nameof(MaxDequeueCount), MaxDequeueCount, 1, 1_000);
        RequireRange(nameof(InstanceCacheSize), InstanceCacheSize, 0, 10_000_000);
        RequireRange(nameof(MaxWritesPerCommit), MaxWritesPerCommit, 1, 100_000);
        if (ExtendedSessionIdleTimeout < TimeSpan.Zero || ExtendedSessionIdleTimeout > TimeSpan.FromHours(1))
        {
            throw Invalid(nameof(ExtendedSessionIdleTimeout), $"{ExtendedSessionIdleTimeout} is out of range: use 00:00:00 (sessions off) up to 01:00:00.");
        }
    }

    private static void RequireRange(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw Invalid(name, $"{value} is out of range: use {min} to {max}.");
        }
    }

    private static ArgumentException Invalid(string setting, string problem) =>
        new($"{nameof(SqliteOrchestrationServiceSettings)}.{setting}: {problem}", setting);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex HubNamePattern();
}
