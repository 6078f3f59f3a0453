using System.Globalization;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace DialNexa.Durable.Execution;

/// <summary>
/// One orchestration instance in memory: the orchestrator's suspended code plus what it waits on. It is rebuilt by
/// replaying the recorded history (matching every step the code schedules against the step recorded, by number, kind
/// and name) and then advanced one episode at a time by new messages. Kept in a cache between episodes, so a step
/// does not reload or replay the whole history.
/// </summary>
internal sealed class OrchestrationSession : TaskOrchestrationContext
{
    /// <summary>The Durable Functions limit on custom status, in UTF-16 characters of JSON.</summary>
    public const int MaxCustomStatusChars = 16 * 1024 / 2;

    private readonly ITaskOrchestrator _orchestrator;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationTaskScheduler _scheduler = new();
    private readonly Dictionary<int, ScheduledAction> _open = [];
    private readonly Dictionary<int, ScheduledAction> _unconfirmed = [];
    private readonly List<ScheduledAction> _episodeActions = [];
    private readonly Dictionary<string, Queue<HistoryEvent>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;
    private int _guidCounter;
    private DateTime _now;
    private bool _replaying;
    private Task<object?>? _run;
    private ContinueAsNewRequest? _continueAsNew;
    private string? _output;
    private TaskFailureDetails? _failure;

    public OrchestrationSession(InstanceRecord instance, ITaskOrchestrator orchestrator, ILoggerFactory loggerFactory)
    {
        Instance = instance;
        _orchestrator = orchestrator;
        _loggerFactory = loggerFactory;
        Status = instance.Status;
        CustomStatusJson = instance.CustomStatus;
    }

    /// <summary>The instance row this session was built from (identity, input, parent, creation time).</summary>
    public InstanceRecord Instance { get; }

    public OrchestrationRuntimeStatus Status { get; private set; }

    /// <summary>History events committed so far for this execution.</summary>
    public int HistoryLength { get; private set; }

    public string? CustomStatusJson { get; private set; }

    public bool IsFinished => Status.IsTerminal();

    private bool ContinuingAsNew => _continueAsNew is not null && _run is { IsCompletedSuccessfully: true } && !IsFinished;

    public override string Name => Instance.Name;

    public override string InstanceId => Instance.InstanceId;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    /// <summary>Re-runs the code against committed history. Throws <see cref="NonDeterministicOrchestrationException"/> on a mismatch.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        _replaying = true;
        try
        {
            foreach (var historyEvent in history)
            {
                Apply(historyEvent);
            }
        }
        finally
        {
            _replaying = false;
        }

        HistoryLength = history.Count;
    }

    /// <summary>Applies new messages as one episode and returns what it produced; the caller commits it.</summary>
    public (EpisodeOutcome Outcome, IReadOnlyList<OrchestrationMessage> Consumed) RunEpisode(IReadOnlyList<OrchestrationMessage> messages, DateTime now)
    {
        _episodeActions.Clear();
        var history = new List<HistoryEvent>();
        var consumed = new List<OrchestrationMessage>();
        var started = new HistoryEvent { Type = HistoryEventType.OrchestratorStarted, Timestamp = now };
        history.Add(started);
        Apply(started);
        var wasFinished = IsFinished;
        var skipped = new List<OrchestrationMessage>();
        var afterTheEnd = new List<HistoryEvent>();
        foreach (var message in messages)
        {
            var historyEvent = message.Event;
            if (IsFinished)
            {
                consumed.Add(message);
                AddIfRaised(afterTheEnd, historyEvent);
                continue;
            }

            if (Status == OrchestrationRuntimeStatus.Suspended
                && historyEvent.Type is not (HistoryEventType.ExecutionResumed or HistoryEventType.ExecutionTerminated or HistoryEventType.ExecutionSuspended))
            {
                skipped.Add(message);
                continue;
            }

            consumed.Add(message);
            if (IsStale(historyEvent))
            {
                continue;
            }

            history.Add(historyEvent);
            Apply(historyEvent);
        }

        if (Status == OrchestrationRuntimeStatus.Running && skipped.Count > 0)
        {
            // Resumed in this episode: what arrived while suspended is applied now, in arrival order.
            foreach (var message in skipped)
            {
                consumed.Add(message);
                if (IsFinished)
                {
                    AddIfRaised(afterTheEnd, message.Event);
                }
                else if (!IsStale(message.Event))
                {
                    history.Add(message.Event);
                    Apply(message.Event);
                }
            }
        }
        else if (IsFinished)
        {
            // Ended while suspended (terminated): what waited for the resume never will; it leaves the queue now.
            foreach (var message in skipped)
            {
                consumed.Add(message);
                AddIfRaised(afterTheEnd, message.Event);
            }
        }

        var newActions = _episodeActions.ToList();
        foreach (var action in newActions)
        {
            history.Add(action.Event);
        }

        if (IsFinished && !wasFinished)
        {
            history.Add(new HistoryEvent { Type = HistoryEventType.ExecutionCompleted, Timestamp = now, Data = _output, Failure = _failure });
        }

        history.Add(new HistoryEvent { Type = HistoryEventType.OrchestratorCompleted, Timestamp = now });
        var outcome = new EpisodeOutcome
        {
            NewHistory = history,
            NewActions = newActions,
            Status = Status,
            Output = _output,
            Failure = _failure,
            CustomStatus = CustomStatusJson,
            ContinueAsNew = ContinuingAsNew ? _continueAsNew : null,
            UnhandledEvents = IsFinished && !wasFinished ? [.. _buffered.Values.SelectMany(q => q), .. afterTheEnd] : afterTheEnd,
            UnconsumedEvents = ContinuingAsNew && _continueAsNew!.PreserveUnprocessedEvents ? _buffered.Values.SelectMany(q => q).ToList() : [],
        };
        return (outcome, consumed);
    }

    private static void AddIfRaised(List<HistoryEvent> events, HistoryEvent historyEvent)
    {
        if (historyEvent.Type == HistoryEventType.EventRaised)
        {
            events.Add(historyEvent);
        }
    }

    /// <summary>Records that the episode's history was committed.</summary>
    public void Committed(EpisodeOutcome outcome) => HistoryLength += outcome.NewHistory.Count;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        return options?.Retry is { } retry
            ? WithRetry(() => Schedule<TResult>(HistoryEventType.TaskScheduled, name, serialized, null), retry)
            : Schedule<TResult>(HistoryEventType.TaskScheduled, name, serialized, null);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = DurableJson.Serialize(input);
        var childId = (options as SubOrchestrationOptions)?.InstanceId;
        Task<TResult> Attempt() => Schedule<TResult>(
            HistoryEventType.SubOrchestrationInstanceCreated,
            orchestratorName,
            serialized,
            childId ?? NewGuid().ToString("N"));
        return options?.Retry is { } retry ? WithRetry(Attempt, retry) : Attempt();
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource();
        var id = _nextId++;
        var timerEvent = new HistoryEvent
        {
            Type = HistoryEventType.TimerCreated,
            Timestamp = _now,
            EventId = id,
            FireAt = DateTime.SpecifyKind(fireAt, fireAt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : fireAt.Kind).ToUniversalTime(),
        };
        Register(new ScheduledAction(timerEvent, null, _ => completion.TrySetResult()));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _open.Remove(id);
                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_buffered.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var early))
        {
            return ReadEvent<T>(early);
        }

        var completion = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<EventWaiter>();
            _waiters[eventName] = waiters;
        }

        var node = waiters.AddLast(new EventWaiter(received =>
        {
            var read = ReadEvent<T>(received);
            if (read.IsCompletedSuccessfully)
            {
                completion.TrySetResult(read.Result);
            }
            else
            {
                completion.TrySetException(read.Exception!.InnerExceptions);
            }
        }));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                // A cancelled wait leaves the queue, so it can never swallow a later event of the same name.
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var json = DurableJson.Serialize(customStatus);
        if (json is { Length: > MaxCustomStatusChars })
        {
            throw new ArgumentException($"Custom status is {json.Length} characters of JSON; the limit is {MaxCustomStatusChars} (16 KB of UTF-16).", nameof(customStatus));
        }

        CustomStatusJson = json;
    }

    public override bool TrySetCustomStatus(object? customStatus)
    {
        var json = DurableJson.Serialize(customStatus);
        if (json is { Length: > MaxCustomStatusChars })
        {
            return false;
        }

        CustomStatusJson = json;
        return true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = new ContinueAsNewRequest(DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{_now:o}_{_guidCounter++}"));

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => _replaying);

    private bool IsStale(HistoryEvent historyEvent) => historyEvent.Type switch
    {
        // Results for steps no longer awaited: a cancelled timer firing, a duplicate delivery.
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
            or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed
            => !_open.ContainsKey(historyEvent.EventId),
        HistoryEventType.ExecutionStarted => _run is not null,
        _ => false,
    };

    private void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent.Type)
        {
            case HistoryEventType.OrchestratorStarted:
                _now = historyEvent.Timestamp;
                return;
            case HistoryEventType.ExecutionStarted:
                Status = OrchestrationRuntimeStatus.Running;
                Start(historyEvent.Data);
                break;
            case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationInstanceCreated:
                Confirm(historyEvent);
                return;
            case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
                or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed:
                if (_open.Remove(historyEvent.EventId, out var action))
                {
                    action.Complete(historyEvent);
                }

                break;
            case HistoryEventType.EventRaised:
                Deliver(historyEvent);
                break;
            case HistoryEventType.ExecutionSuspended:
                Status = OrchestrationRuntimeStatus.Suspended;
                return;
            case HistoryEventType.ExecutionResumed:
                Status = OrchestrationRuntimeStatus.Running;
                return;
            case HistoryEventType.ExecutionTerminated:
                Status = OrchestrationRuntimeStatus.Terminated;
                _output = historyEvent.Data;
                return;
            case HistoryEventType.OrchestratorCompleted:
                if (_replaying && _unconfirmed.Count > 0)
                {
                    var extra = _unconfirmed.Values.OrderBy(a => a.Id).First();
                    throw new NonDeterministicOrchestrationException(
                        $"Orchestrator '{Name}' (instance '{InstanceId}'), step {extra.Id}: the code now schedules {Describe(extra.Event)}, but the recorded history has no such step. Was the orchestrator changed while this instance was running?");
                }

                return;
            default:
                return;
        }

        _scheduler.Pump();
        CheckCompletion();
    }

    private void Start(string? input)
    {
        _run = Task.Factory.StartNew(
            () =>
            {
                object? typedInput;
                try
                {
                    typedInput = DurableJson.Deserialize(input, _orchestrator.InputType);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new ArgumentException($"The input of orchestrator '{Name}' could not be read as {_orchestrator.InputType.Name}: {ex.Message}", ex);
                }

                return _orchestrator.RunAsync(this, typedInput);
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            _scheduler).Unwrap();
    }

    private void CheckCompletion()
    {
        if (_run is not { IsCompleted: true } || IsFinished || _replaying)
        {
            return;
        }

        if (_run.IsCompletedSuccessfully)
        {
            if (_continueAsNew is not null)
            {
                return;
            }

            Status = OrchestrationRuntimeStatus.Completed;
            _output = DurableJson.Serialize(_run.Result);
            return;
        }

        Status = OrchestrationRuntimeStatus.Failed;
        var exception = _run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
        _failure = TaskFailureDetails.FromException(exception);
    }

    private void Confirm(HistoryEvent recorded)
    {
        if (!_unconfirmed.Remove(recorded.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Orchestrator '{Name}' (instance '{InstanceId}'), step {recorded.EventId}: the recorded history has {Describe(recorded)}, but the code did not schedule it on replay. Was the orchestrator changed while this instance was running, or does it read the clock, random values or I/O directly?");
        }

        if (action.Event.Type != recorded.Type || !string.Equals(action.Event.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Orchestrator '{Name}' (instance '{InstanceId}'), step {recorded.EventId}: the recorded history has {Describe(recorded)}, but the code now schedules {Describe(action.Event)}. Was the orchestrator changed while this instance was running?");
        }
    }

    private static string Describe(HistoryEvent scheduled) => scheduled.Type switch
    {
        HistoryEventType.TaskScheduled => $"activity '{scheduled.Name}'",
        HistoryEventType.SubOrchestrationInstanceCreated => $"sub-orchestration '{scheduled.Name}'",
        HistoryEventType.TimerCreated => $"a timer for {scheduled.FireAt:o}",
        _ => scheduled.Type.ToString(),
    };

    private void Deliver(HistoryEvent raised)
    {
        var name = raised.Name ?? "";
        if (_waiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.Deliver(raised);
            return;
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            queue = new Queue<HistoryEvent>();
            _buffered[name] = queue;
        }

        queue.Enqueue(raised);
    }

    private Task<TResult> Schedule<TResult>(HistoryEventType type, string name, string? input, string? childInstanceId)
    {
        var completion = new TaskCompletionSource<TResult>();
        var id = _nextId++;
        var scheduled = new HistoryEvent { Type = type, Timestamp = _now, EventId = id, Name = name, Data = input, InstanceId = childInstanceId };
        var child = childInstanceId is null ? null : new NewInstanceRequest(childInstanceId, name, input);
        Register(new ScheduledAction(scheduled, child, result =>
        {
            if (result.Type is HistoryEventType.TaskCompleted or HistoryEventType.SubOrchestrationInstanceCompleted)
            {
                try
                {
                    completion.SetResult((TResult)DurableJson.Deserialize(result.Data, typeof(TResult))!);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    completion.SetException(new TaskFailedException(name, id, new TaskFailureDetails(
                        typeof(System.Text.Json.JsonException).FullName!,
                        $"The result of '{name}' could not be read as {typeof(TResult).Name}: {ex.Message}")));
                }
            }
            else
            {
                completion.SetException(new TaskFailedException(name, id, result.Failure ?? new TaskFailureDetails("Unknown", "The task failed without details.")));
            }
        }));
        return completion.Task;
    }

    private void Register(ScheduledAction action)
    {
        _open[action.Id] = action;
        if (_replaying)
        {
            _unconfirmed[action.Id] = action;
        }
        else
        {
            _episodeActions.Add(action);
        }
    }

    private async Task<TResult> WithRetry<TResult>(Func<Task<TResult>> attempt, RetryPolicy policy)
    {
        var firstAttemptAt = _now;
        for (var number = 1; ; number++)
        {
            TaskFailedException failure;
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex)
            {
                failure = ex;
            }

            var delay = policy.DelayBefore(number + 1);
            var outOfTime = policy.RetryTimeout != Timeout.InfiniteTimeSpan && _now + delay - firstAttemptAt > policy.RetryTimeout;
            if (number >= policy.MaxNumberOfAttempts || outOfTime || !(policy.Handle?.Invoke(failure) ?? true))
            {
                throw failure;
            }

            await CreateTimer(_now + delay, CancellationToken.None);
        }
    }

    private static Task<T> ReadEvent<T>(HistoryEvent raised)
    {
        try
        {
            return Task.FromResult((T)DurableJson.Deserialize(raised.Data, typeof(T))!);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Task.FromException<T>(new InvalidOperationException($"The payload of event '{raised.Name}' could not be read as {typeof(T).Name}: {ex.Message}", ex));
        }
    }
}
