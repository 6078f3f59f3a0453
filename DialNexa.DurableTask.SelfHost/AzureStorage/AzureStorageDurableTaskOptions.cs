namespace DialNexa.DurableTask.SelfHost.AzureStorage;

/// <summary>
/// DurableTask.AzureStorage's settings under the names Durable Functions reads from host.json
/// (<c>extensions:durableTask</c> and its <c>storageProvider</c> object) and the connection from <c>AzureWebJobsStorage</c>.
/// Defaults are Durable Functions' except <see cref="MaxQueuePollingInterval"/>.
/// </summary>
public sealed class AzureStorageDurableTaskOptions
{
    /// <summary>The task hub (<c>extensions:durableTask:hubName</c>): 3-50 letters and digits, starting with a letter. Default <c>TestHubName</c>.</summary>
    public string HubName { get; set; } = "TestHubName";

    /// <summary>How the host reaches the storage account (<c>AzureWebJobsStorage</c>).</summary>
    public AzureStorageConnection? Connection { get; set; }

    /// <summary>Orchestration work items at once on this host (<c>maxConcurrentOrchestratorFunctions</c>; default 10 × processors).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Activity work items at once on this host (<c>maxConcurrentActivityFunctions</c>; default 10 × processors).</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Keep orchestrations in memory between episodes (<c>extendedSessionsEnabled</c>; default false).</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an idle extended session stays in memory (<c>extendedSessionIdleTimeoutInSeconds</c>; default 30).</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>Control-queue partitions (<c>storageProvider:partitionCount</c>, 1-16, fixed once the hub exists; default 4).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Control-queue messages fetched at a time (<c>storageProvider:controlQueueBatchSize</c>, 1-32; default 32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Control-queue messages buffered in memory (<c>storageProvider:controlQueueBufferThreshold</c>, 1-1000; default 256).</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>Visibility timeout of dequeued control-queue messages (<c>storageProvider:controlQueueVisibilityTimeout</c>, 1-60 minutes; default 5 minutes).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Visibility timeout of dequeued work-item messages (<c>storageProvider:workItemQueueVisibilityTimeout</c>; default 5 minutes).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest wait between polls of an idle queue (<c>storageProvider:maxQueuePollingInterval</c>). Default 1 second,
    /// as this app has always used; Durable Functions' own default is 30 seconds, which an idle self-host would feel as
    /// up to 30 seconds before a new instance starts.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Partition leases in a table instead of blobs (<c>storageProvider:useTablePartitionManagement</c>; default false).</summary>
    public bool UseTablePartitionManagement { get; set; }

    /// <summary>The older, faster blob lease manager (<c>storageProvider:useLegacyPartitionManagement</c>; default false).</summary>
    public bool UseLegacyPartitionManagement { get; set; }

    /// <summary>Partition lease length (<c>storageProvider:leaseInterval</c>; default 30 seconds).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Read large inputs and outputs back from blobs when querying (<c>storageProvider:fetchLargeMessagesAutomatically</c>; default true).</summary>
    public bool FetchLargeMessagesAutomatically { get; set; } = true;

    /// <summary>Deliver events to finished instances so they replay (<c>storageProvider:allowReplayingTerminalInstances</c>; default false).</summary>
    public bool AllowReplayingTerminalInstances { get; set; }
}
