using System.Collections.Concurrent;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Durable.Execution;

/// <summary>Runs one activity work item and delivers its result (or failure) to the orchestration that scheduled it.</summary>
internal sealed class ActivityProcessor(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DurableTaskOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("DialNexa.Durable.Activities");

    /// <summary>One constructor-matching factory per activity type, built on first use instead of per run.</summary>
    private readonly ConcurrentDictionary<Type, ObjectFactory> _factories = new();

    public async Task ProcessAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var scheduled = workItem.Scheduled;
        var name = scheduled.Name ?? "";
        HistoryEvent result;
        if (workItem.DequeueCount > options.StorageProvider.MaxDequeueCount)
        {
            var reason = $"Activity '{name}' (step {scheduled.EventId}) was delivered {workItem.DequeueCount} times without completing (limit {options.StorageProvider.MaxDequeueCount}); it was dead-lettered.";
            DurableLog.DeadLettered(_logger, workItem.InstanceId, workItem.DequeueCount, reason);
            await store.RecordDeadLetterAsync(new DeadLetter("activity", workItem.InstanceId, name, workItem.DequeueCount, reason, DateTime.UtcNow), cancellationToken);
            result = Failed(scheduled, new TaskFailureDetails("DeadLettered", reason));
        }
        else
        {
            result = await RunAsync(workItem, name, cancellationToken);
        }

        await store.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);
    }

    private async Task<HistoryEvent> RunAsync(ActivityWorkItem workItem, string name, CancellationToken cancellationToken)
    {
        var scheduled = workItem.Scheduled;
        if (!registry.Activities.TryGetValue(name, out var activityType))
        {
            return Failed(scheduled, new TaskFailureDetails(
                "ActivityNotRegistered",
                $"No activity named '{name}' is registered in this app (registered: {string.Join(", ", registry.Activities.Keys)})."));
        }

        await using var scope = services.CreateAsyncScope();
        var factory = _factories.GetOrAdd(activityType, static type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes));
        var activity = (ITaskActivity)factory(scope.ServiceProvider, null);
        object? input;
        try
        {
            input = DurableJson.Deserialize(scheduled.Data, activity.InputType);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Failed(scheduled, new TaskFailureDetails(
                typeof(ArgumentException).FullName!,
                $"The input of activity '{name}' could not be read as {activity.InputType.Name}: {ex.Message}"));
        }

        var context = new TaskActivityContext(name, workItem.InstanceId, scheduled.EventId, workItem.DequeueCount, cancellationToken);
        try
        {
            var output = await activity.RunAsync(context, input);
            var serialized = DurableJson.Serialize(output);
            if (serialized is { Length: var length } && length > options.MaxPayloadChars)
            {
                return Failed(scheduled, new TaskFailureDetails(
                    "PayloadTooLarge",
                    $"Activity '{name}' returned {length} characters of JSON; the limit is {options.MaxPayloadChars} (extensions:durableTask:maxPayloadChars). Store large data elsewhere and return a reference."));
            }

            return new HistoryEvent { Type = HistoryEventType.TaskCompleted, Timestamp = DateTime.UtcNow, EventId = scheduled.EventId, Data = serialized };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any exception of the activity's code is its failure, reported to the orchestration.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(scheduled, TaskFailureDetails.FromException(ex));
        }
    }

    private static HistoryEvent Failed(HistoryEvent scheduled, TaskFailureDetails failure) =>
        new() { Type = HistoryEventType.TaskFailed, Timestamp = DateTime.UtcNow, EventId = scheduled.EventId, Failure = failure };
}
