using Microsoft.Extensions.Logging;

namespace DialNexa.Durable.Execution;

/// <summary>The engine's log messages (event IDs 1000-1099). Names and IDs only: never inputs, outputs or payloads.</summary>
internal static partial class DurableLog
{
    [LoggerMessage(1000, LogLevel.Information, "Durable worker started: hub {HubName}, {Orchestrators} orchestrator and {Activities} activity slots.")]
    public static partial void WorkerStarted(ILogger logger, string hubName, int orchestrators, int activities);

    [LoggerMessage(1001, LogLevel.Information, "Durable worker stopping; waiting for {InFlight} work items in flight.")]
    public static partial void WorkerStopping(ILogger logger, int inFlight);

    [LoggerMessage(1002, LogLevel.Warning, "Orchestration work for instance {InstanceId} failed (delivery {DequeueCount}); it will be retried in {Delay}.")]
    public static partial void OrchestrationAbandoned(ILogger logger, Exception exception, string instanceId, int dequeueCount, TimeSpan delay);

    [LoggerMessage(1003, LogLevel.Warning, "Activity {Name} of instance {InstanceId} could not be completed (delivery {DequeueCount}); it will be retried in {Delay}.")]
    public static partial void ActivityAbandoned(ILogger logger, Exception exception, string name, string instanceId, int dequeueCount, TimeSpan delay);

    [LoggerMessage(1004, LogLevel.Error, "Work for instance {InstanceId} was dead-lettered after {DequeueCount} deliveries: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string instanceId, int dequeueCount, string reason);

    [LoggerMessage(1005, LogLevel.Information, "Orchestration {Name} instance {InstanceId} finished: {Status}.")]
    public static partial void OrchestrationFinished(ILogger logger, string name, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(1006, LogLevel.Error, "Orchestration {Name} instance {InstanceId} failed its replay: {Message}")]
    public static partial void NonDeterministic(ILogger logger, string name, string instanceId, string message);

    [LoggerMessage(1007, LogLevel.Debug, "Dropped {Count} messages for instance {InstanceId}: it does not exist or has finished.")]
    public static partial void MessagesDropped(ILogger logger, int count, string instanceId);

    [LoggerMessage(1008, LogLevel.Error, "{Count} unhandled events of instance {InstanceId} could not be handed to the app's handlers by delivery {DequeueCount}, the last; the instance goes on without them.")]
    public static partial void UnhandledEventsLost(ILogger logger, Exception exception, int count, string instanceId, int dequeueCount);
}
