using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Durable.Execution;

/// <summary>Runs one orchestration work item: find or rebuild the session, run the episode, commit the checkpoint.</summary>
internal sealed class OrchestrationProcessor(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DurableTaskOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("DialNexa.Durable.Orchestrations");
    private readonly SessionCache _cache = new(options.MaxCachedOrchestrations);

    public int CachedSessions => _cache.Count;

    public async Task ProcessAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var session = _cache.Take(workItem.InstanceId);
        if (session is not null && workItem.HistoryLength is { } expected && expected != session.HistoryLength)
        {
            session = null;
        }

        if (session is null)
        {
            var state = await store.LoadOrchestrationStateAsync(workItem.InstanceId, cancellationToken);
            if (state is null || state.Instance.Status.IsTerminal())
            {
                await DropAsync(workItem, state?.Instance, state?.History.Count ?? 0, cancellationToken);
                return;
            }

            if (workItem.DequeueCount > options.StorageProvider.MaxDequeueCount)
            {
                await DeadLetterAsync(workItem, state.Instance, state.History.Count, cancellationToken);
                return;
            }

            if (!registry.Orchestrators.TryGetValue(state.Instance.Name, out var orchestratorType))
            {
                await FailAsync(workItem, state.Instance, state.History.Count, new TaskFailureDetails(
                    "OrchestratorNotRegistered",
                    $"No orchestrator named '{state.Instance.Name}' is registered in this app (registered: {string.Join(", ", registry.Orchestrators.Keys)})."), cancellationToken);
                return;
            }

            var orchestrator = (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, orchestratorType);
            session = new OrchestrationSession(state.Instance, orchestrator, loggerFactory);
            try
            {
                session.Replay(state.History);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                DurableLog.NonDeterministic(_logger, state.Instance.Name, state.Instance.InstanceId, ex.Message);
                await FailAsync(workItem, state.Instance, state.History.Count, TaskFailureDetails.FromException(ex, includeStackTrace: false), cancellationToken);
                return;
            }
        }
        else if (workItem.DequeueCount > options.StorageProvider.MaxDequeueCount)
        {
            await DeadLetterAsync(workItem, session.Instance, session.HistoryLength, cancellationToken);
            return;
        }

        var (outcome, consumed) = session.RunEpisode(workItem.Messages, DateTime.UtcNow);
        await HandOverUnhandledAsync(workItem, session.Name, outcome.UnhandledEvents, cancellationToken);
        var checkpoint = BuildCheckpoint(session, outcome, consumed);
        await store.CompleteOrchestrationWorkItemAsync(workItem, checkpoint, cancellationToken);
        session.Committed(outcome);
        if (outcome.Status.IsTerminal())
        {
            DurableLog.OrchestrationFinished(_logger, session.Name, session.InstanceId, outcome.Status);
        }
        else if (outcome.ContinueAsNew is null)
        {
            _cache.Put(session);
        }
    }

    public void ClearCache() => _cache.Clear();

    private OrchestrationCheckpoint BuildCheckpoint(OrchestrationSession session, EpisodeOutcome outcome, IReadOnlyList<OrchestrationMessage> consumed)
    {
        var instance = session.Instance with
        {
            Status = outcome.Status,
            Output = outcome.Output,
            Failure = outcome.Failure,
            CustomStatus = outcome.CustomStatus,
        };
        var activities = new List<HistoryEvent>();
        var timers = new List<HistoryEvent>();
        var children = new List<NewInstance>();
        foreach (var action in outcome.NewActions)
        {
            switch (action.Event.Type)
            {
                case HistoryEventType.TaskScheduled:
                    activities.Add(action.Event);
                    break;
                case HistoryEventType.TimerCreated:
                    timers.Add(new HistoryEvent { Type = HistoryEventType.TimerFired, Timestamp = action.Event.Timestamp, EventId = action.Id, FireAt = action.Event.FireAt });
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated when action.Child is { } child:
                    children.Add(new NewInstance
                    {
                        InstanceId = child.InstanceId,
                        Name = child.Name,
                        ExecutionId = Guid.NewGuid().ToString("N"),
                        Input = child.Input,
                        Parent = new ParentInstance(session.InstanceId, action.Id),
                        DedupeStatuses = DedupePolicy.NonRunningStates,
                    });
                    break;
            }
        }

        var outbound = new List<OrchestrationMessage>();
        if (outcome.Status.IsTerminal() && session.Instance.Parent is { } parent)
        {
            outbound.Add(new OrchestrationMessage(parent.InstanceId, new HistoryEvent
            {
                Type = outcome.Status == OrchestrationRuntimeStatus.Completed ? HistoryEventType.SubOrchestrationInstanceCompleted : HistoryEventType.SubOrchestrationInstanceFailed,
                Timestamp = DateTime.UtcNow,
                EventId = parent.TaskScheduledId,
                Data = outcome.Status == OrchestrationRuntimeStatus.Completed ? outcome.Output : null,
                Failure = outcome.Status == OrchestrationRuntimeStatus.Completed
                    ? null
                    : outcome.Failure ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{session.InstanceId}' was terminated: {outcome.Output}"),
            }));
        }

        NewInstance? continueAsNew = null;
        if (outcome.ContinueAsNew is { } next)
        {
            continueAsNew = new NewInstance
            {
                InstanceId = session.InstanceId,
                Name = session.Name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Input = next.Input,
                Parent = session.Instance.Parent,
                DedupeStatuses = DedupePolicy.None,
                InitialEvents = outcome.UnconsumedEvents,
            };
        }

        return new OrchestrationCheckpoint
        {
            Instance = instance,
            PreviousHistoryLength = session.HistoryLength,
            NewHistory = outcome.NewHistory,
            ConsumedMessages = consumed,
            NewActivities = activities,
            NewTimers = timers,
            NewInstances = children,
            OutboundMessages = outbound,
            ContinueAsNew = continueAsNew,
        };
    }

    /// <summary>Gives the app's <see cref="IUnhandledEventHandler"/>s the events before the checkpoint deletes them (see there for failures).</summary>
    private async Task HandOverUnhandledAsync(OrchestrationWorkItem workItem, string orchestrationName, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0 || string.IsNullOrEmpty(orchestrationName))
        {
            return;
        }

        var handlers = services.GetServices<IUnhandledEventHandler>().ToList();
        try
        {
            foreach (var raised in events)
            {
                var unhandled = new UnhandledEvent(workItem.InstanceId, orchestrationName, raised.Name ?? "", raised.Data);
                foreach (var handler in handlers)
                {
                    await handler.HandleAsync(unhandled, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (workItem.DequeueCount >= options.StorageProvider.MaxDequeueCount)
        {
            DurableLog.UnhandledEventsLost(_logger, ex, events.Count, workItem.InstanceId, workItem.DequeueCount);
        }
    }

    private async Task DropAsync(OrchestrationWorkItem workItem, InstanceRecord? instance, int historyLength, CancellationToken cancellationToken)
    {
        if (instance is not null)
        {
            await HandOverUnhandledAsync(workItem, instance.Name, [.. workItem.Messages.Select(m => m.Event).Where(e => e.Type == HistoryEventType.EventRaised)], cancellationToken);
        }

        DurableLog.MessagesDropped(_logger, workItem.Messages.Count, workItem.InstanceId);
        var record = instance ?? new InstanceRecord
        {
            InstanceId = workItem.InstanceId,
            Name = "",
            ExecutionId = "",
            Status = OrchestrationRuntimeStatus.Failed,
            CreatedAt = DateTime.UtcNow,
            LastUpdatedAt = DateTime.UtcNow,
        };
        await store.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationCheckpoint
        {
            Instance = record,
            PreviousHistoryLength = historyLength,
            NewHistory = [],
            ConsumedMessages = workItem.Messages,
        }, cancellationToken);
    }

    private async Task DeadLetterAsync(OrchestrationWorkItem workItem, InstanceRecord instance, int historyLength, CancellationToken cancellationToken)
    {
        var reason = $"Work for instance '{instance.InstanceId}' was delivered {workItem.DequeueCount} times without completing (limit {options.StorageProvider.MaxDequeueCount}); it was dead-lettered.";
        DurableLog.DeadLettered(_logger, instance.InstanceId, workItem.DequeueCount, reason);
        await store.RecordDeadLetterAsync(new DeadLetter("orchestration", instance.InstanceId, instance.Name, workItem.DequeueCount, reason, DateTime.UtcNow), cancellationToken);
        await FailAsync(workItem, instance, historyLength, new TaskFailureDetails("DeadLettered", reason), cancellationToken);
    }

    private async Task FailAsync(OrchestrationWorkItem workItem, InstanceRecord instance, int historyLength, TaskFailureDetails failure, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var outbound = new List<OrchestrationMessage>();
        if (instance.Parent is { } parent)
        {
            outbound.Add(new OrchestrationMessage(parent.InstanceId, new HistoryEvent
            {
                Type = HistoryEventType.SubOrchestrationInstanceFailed,
                Timestamp = now,
                EventId = parent.TaskScheduledId,
                Failure = failure,
            }));
        }

        await store.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationCheckpoint
        {
            Instance = instance with { Status = OrchestrationRuntimeStatus.Failed, Failure = failure },
            PreviousHistoryLength = historyLength,
            NewHistory =
            [
                new HistoryEvent { Type = HistoryEventType.OrchestratorStarted, Timestamp = now },
                new HistoryEvent { Type = HistoryEventType.ExecutionCompleted, Timestamp = now, Failure = failure },
                new HistoryEvent { Type = HistoryEventType.OrchestratorCompleted, Timestamp = now },
            ],
            ConsumedMessages = workItem.Messages,
            OutboundMessages = outbound,
        }, cancellationToken);
        DurableLog.OrchestrationFinished(_logger, instance.Name, instance.InstanceId, OrchestrationRuntimeStatus.Failed);
    }
}
