using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>The worker's log lines (event IDs 4100-4119).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Durable Task worker starting on {Service}: {Orchestrators} orchestrators, {Activities} activities, at most {MaxOrchestrations} orchestration and {MaxActivities} activity work items at once")]
    public static partial void Starting(ILogger logger, string service, int orchestrators, int activities, int maxOrchestrations, int maxActivities);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Durable Task worker started in {ElapsedMilliseconds} ms")]
    public static partial void Started(ILogger logger, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Durable Task worker stopping; work items in progress are allowed to finish")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Durable Task worker did not finish its work items before the host's shutdown timeout; the host stops without waiting for them (unfinished work items are delivered again)")]
    public static partial void StopTimedOut(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Durable Task worker stopped")]
    public static partial void Stopped(ILogger logger);
}
