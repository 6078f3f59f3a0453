using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>The service's log lines (event IDs 7100-7199). Instance IDs only: no inputs, outputs or event data.</summary>
internal static partial class Logs
{
    [LoggerMessage(7100, LogLevel.Information, "SQLite orchestration store {Path} opened (synchronous={Synchronous}): {Messages} messages, {Timers} timers and scheduled starts, {Activities} activities reloaded")]
    public static partial void StoreOpened(ILogger logger, string path, SqliteSynchronousMode synchronous, int messages, int timers, int activities);

    [LoggerMessage(7101, LogLevel.Information, "SQLite orchestration store {Path} closed")]
    public static partial void StoreClosed(ILogger logger, string path);

    [LoggerMessage(7110, LogLevel.Warning, "Orchestration work item for {InstanceId} abandoned (attempt {Attempt} of {MaxDequeueCount}); retrying in {Delay}")]
    public static partial void OrchestrationAbandoned(ILogger logger, string instanceId, int attempt, int maxDequeueCount, TimeSpan delay);

    [LoggerMessage(7113, LogLevel.Warning, "Checkpoint of {InstanceId} failed: {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, string instanceId, string reason);

    [LoggerMessage(7111, LogLevel.Warning, "Orchestration work item for {InstanceId} could not be committed (the store could not write); retrying in {Delay}")]
    public static partial void OrchestrationStoreRetry(ILogger logger, string instanceId, TimeSpan delay);

    [LoggerMessage(7112, LogLevel.Error, "Orchestration {InstanceId} dead-lettered after {Attempts} failed attempts; the instance is failed")]
    public static partial void OrchestrationDeadLettered(ILogger logger, string instanceId, int attempts);

    [LoggerMessage(7120, LogLevel.Warning, "Activity {ActivityId} of {InstanceId} abandoned (attempt {Attempt} of {MaxDequeueCount}); retrying in {Delay}")]
    public static partial void ActivityAbandoned(ILogger logger, long activityId, string instanceId, int attempt, int maxDequeueCount, TimeSpan delay);

    [LoggerMessage(7122, LogLevel.Error, "Activity {ActivityId} of {InstanceId} dead-lettered after {Attempts} failed attempts; the orchestration sees it failed")]
    public static partial void ActivityDeadLettered(ILogger logger, long activityId, string instanceId, int attempts);

    [LoggerMessage(7130, LogLevel.Debug, "Message {EventType} for {InstanceId} dropped: {Reason}")]
    public static partial void MessageDropped(ILogger logger, string eventType, string instanceId, string reason);

    [LoggerMessage(7140, LogLevel.Warning, "A best-effort store write failed: {What}")]
    public static partial void BestEffortWriteFailed(ILogger logger, string what, Exception exception);
}
