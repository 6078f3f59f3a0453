using Microsoft.Extensions.Logging;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>The Azure Storage store's log messages (event IDs 1100-1199). Names, IDs and error codes only: never payloads or keys.</summary>
internal static partial class AzureStorageLog
{
    [LoggerMessage(1100, LogLevel.Information, "Partition {Partition} acquired by host {HostId}.")]
    public static partial void PartitionAcquired(ILogger logger, int partition, string hostId);

    [LoggerMessage(1101, LogLevel.Information, "Partition {Partition} released by host {HostId}.")]
    public static partial void PartitionReleased(ILogger logger, int partition, string hostId);

    [LoggerMessage(1102, LogLevel.Warning, "Lease round failed ({ErrorType}): {Message}")]
    public static partial void LeaseFailed(ILogger logger, string errorType, string message);

    [LoggerMessage(1103, LogLevel.Warning, "Polling queue {Queue} failed ({ErrorType}): {Message}")]
    public static partial void PollFailed(ILogger logger, string queue, string errorType, string message);

    [LoggerMessage(1104, LogLevel.Warning, "Reading work for instance {InstanceId} failed ({ErrorType}): {Message}; retrying.")]
    public static partial void LockFailed(ILogger logger, string instanceId, string errorType, string message);

    [LoggerMessage(1105, LogLevel.Debug, "A best-effort storage call failed ({ErrorType}): {Message}")]
    public static partial void BestEffortFailed(ILogger logger, string errorType, string message);

    [LoggerMessage(1106, LogLevel.Warning, "Activity {Activity} of instance {InstanceId} gave no result within the work-item visibility timeout; handed out again (delivery {Delivery}).")]
    public static partial void LocalActivityRedelivered(ILogger logger, string instanceId, string activity, int delivery);
}
