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

    /// <summary>Azure Storage: control queues (partitions), 1 to 16, fixed for the life of a hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Azure Storage: how long a control-queue wake-up stays hidden (it comes back if its host dies).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Azure Storage: how long an activity stays hidden before another host may run it.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Azure Storage: the longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Azure Storage: how long a partition lease lasts without renewal (a killed host's partitions move after this).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Azure Storage: activities of instances a host runs go to that host's own workers through memory (true, the
    /// default: about one storage call per step); false sends every activity through the work-item queue to any host.
    /// </summary>
    public bool LocalActivities { get; set; } = true;
}
