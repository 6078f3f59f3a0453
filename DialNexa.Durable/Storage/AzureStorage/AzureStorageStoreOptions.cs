namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>Settings of the Azure Storage store (host.json <c>extensions:durableTask:storageProvider</c> and the hub name).</summary>
public sealed record AzureStorageStoreOptions
{
    public required StorageAccount Account { get; init; }

    /// <summary>Prefix of every table and queue: letters and digits, starting with a letter, at most 40 characters.</summary>
    public required string HubName { get; init; }

    /// <summary>Control queues (and so hosts that can run orchestrations at once); fixed for the life of a hub.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>How long a host owns a partition without renewing; a killed host's partitions move after this.</summary>
    public TimeSpan LeaseInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a wake-up taken from a control queue stays hidden (it comes back if its host dies).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activity taken from the work-item queue stays hidden before another host may run it.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Activities of instances this host runs go to its own workers through memory, their results back the same way
    /// (true, the default: about one storage call per step); false sends every activity through the work-item queue
    /// to any host, as when this host does not run the instance.
    /// </summary>
    public bool LocalActivities { get; init; } = true;

    /// <summary>Identifies this host in partition leases.</summary>
    public string HostId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    internal void Validate()
    {
        if (HubName.Length is 0 or > 40 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException(
                $"extensions:durableTask:hubName '{HubName}' cannot name Azure Storage tables and queues: use 1 to 40 letters and digits, starting with a letter.");
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new InvalidOperationException($"extensions:durableTask:storageProvider:partitionCount is {PartitionCount}; use 1 to 16.");
        }
    }
}
