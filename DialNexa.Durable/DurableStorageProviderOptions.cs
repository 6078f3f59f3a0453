namespace DialNexa.Durable;

/// <summary>host.json <c>extensions:durableTask:storageProvider</c>.</summary>
public sealed class DurableStorageProviderOptions
{
    /// <summary><c>embedded</c> (SQLite) or <c>azureStorage</c>; by default chosen from <c>AzureWebJobsStorage</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Embedded store: FULL (a 2xx means on disk; default) or NORMAL.</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Deliveries of one work item before it is dead-lettered and its orchestration fails.</summary>
    public int MaxDequeueCount { get; set; } = 5;
}
