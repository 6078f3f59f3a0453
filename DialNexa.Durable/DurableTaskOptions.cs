namespace DialNexa.Durable;

/// <summary>
/// The engine's settings, read from host.json's <c>extensions:durableTask</c> like the Durable Functions extension.
/// </summary>
public sealed class DurableTaskOptions
{
    public const string SectionName = "extensions:durableTask";

    /// <summary>Keeps environments and test runs apart: one database file (or table/queue prefix) per hub.</summary>
    public string HubName { get; set; } = "DialNexaHub";

    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// <c>NonRunningStates</c> (default): a start with the ID of a Pending, Running or Suspended instance is refused and a
    /// finished one is replaced. <c>AnyState</c>: an existing instance is always replaced. <c>None</c>: never replaced.
    /// </summary>
    public string OverridableExistingInstanceStates { get; set; } = "NonRunningStates";

    /// <summary>Instances kept in memory between episodes; the rest are replayed from history when they wake.</summary>
    public int MaxCachedOrchestrations { get; set; } = 5000;

    /// <summary>Largest serialized input, output or event payload, in characters.</summary>
    public int MaxPayloadChars { get; set; } = 1024 * 1024;

    public DurableStorageProviderOptions StorageProvider { get; set; } = new();
}
