using System.Diagnostics;
using System.Threading.Channels;
using DialNexa.DurableTask.Sqlite.Dispatch;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>Orchestration work items: hand-out (with an extended session), checkpoint, abandon, release.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>
    /// The next instance with visible messages, locked to this dispatcher until released, with its history from memory
    /// (or the file) and an extended session when sessions are on. Null when none arrives within <paramref name="receiveTimeout"/>.
    /// </summary>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        WatchDispatcherShutdown(cancellationToken);
        while (true)
        {
            if (!_dispatching)
            {
                await IdleAsync(receiveTimeout, cancellationToken);
                return null!;
            }

            var instanceId = await NextReadyInstanceAsync(receiveTimeout, cancellationToken);
            if (instanceId is null)
            {
                return null!;
            }

            if (Claim(instanceId) is { } claim && await PrepareWorkItemAsync(claim) is { } workItem)
            {
                Interlocked.Increment(ref _workItemsHandedOut);
                Interlocked.Increment(ref _openWorkItems);
                return workItem;
            }
        }
    }

    /// <summary>Orchestration work items are held in memory by this host, so their lock does not expire: nothing to renew.</summary>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

    /// <summary>
    /// Commits an episode in one transaction: new history, the instance's state, consumed messages deleted, activities,
    /// timers and messages to other instances written. What it schedules is handed out only once that commit is durable.
    /// </summary>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        var item = (SqliteOrchestrationWorkItem)workItem;
        var checkpoint = OrchestrationCheckpoint.Build(
            item,
            newOrchestrationRuntimeState,
            outboundMessages ?? [],
            [.. orchestratorMessages ?? [], .. continuedAsNewMessage is null ? [] : new[] { continuedAsNewMessage }],
            timerMessages ?? [],
            orchestrationState);

        // The timers an ending execution still waits for, looked up here rather than on the writer's thread, which is
        // every commit's path and should not wait for the gate. Every earlier timer is published by now: an episode
        // begins only after the previous one's commit has run its after-commit actions.
        var endedTimers = EndedTimers(checkpoint);
        try
        {
            await Writer.WriteAsync(batch => WriteCheckpoint(batch, checkpoint, endedTimers));
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
        {
            item.StoreFailed = true;
            Logs.CheckpointFailed(_logger, item.InstanceId, ex.Message);
            throw;
        }

        item.StoreFailed = false;
        item.AwaitsOutside = checkpoint.Activities.Count == 0 && !checkpoint.Messages.Exists(m => m.Message.Event is ExecutionStartedEvent);
        item.Current = [];
        item.Dropped.Clear();
        if (orchestrationState is not null)
        {
            item.PersistedStatus = orchestrationState.OrchestrationStatus;
            item.PersistedCustomStatus = orchestrationState.Status;
        }
    }

    /// <summary>The timers still pending for the execution a checkpoint ends (completed, failed, terminated or continued as new); none otherwise.</summary>
    private List<QueuedMessage> EndedTimers(OrchestrationCheckpoint checkpoint)
    {
        if (checkpoint.ExpectedExecutionId is not { } execution || !(checkpoint.ContinuedAsNew || (checkpoint.State is { } state && IsTerminal(state.OrchestrationStatus))))
        {
            return [];
        }

        lock (_gate)
        {
            return _timers.OfExecution(checkpoint.InstanceId, execution);
        }
    }

    /// <summary>
    /// Puts the episode's messages back after a back-off. An attempt the store could not commit does not count; after
    /// <see cref="SqliteOrchestrationServiceSettings.MaxDequeueCount"/> failed attempts the instance is dead-lettered and failed.
    /// </summary>
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        var messages = item.Current;
        item.Current = [];
        if (messages.Count == 0)
        {
            return;
        }

        TimeSpan delay;
        if (item.StoreFailed)
        {
            delay = StoreRetryDelay;
            Interlocked.Increment(ref _storeFailureRetries);
            Logs.OrchestrationStoreRetry(_logger, item.InstanceId, delay);
        }
        else
        {
            var attempts = 0;
            foreach (var message in messages)
            {
                attempts = Math.Max(attempts, ++message.FailedAttempts);
            }

            if (attempts >= _settings.MaxDequeueCount && await TryDeadLetterOrchestrationAsync(item, messages, attempts))
            {
                return;
            }

            delay = Backoff(attempts);
            Logs.OrchestrationAbandoned(_logger, item.InstanceId, attempts, _settings.MaxDequeueCount, delay);
            _ = SaveDequeueCountsAsync(messages);
        }

        lock (_gate)
        {
            if (item.Queue.Generation == item.Generation)
            {
                item.Queue.Messages.InsertRange(0, messages);
                item.Queue.NotBefore = DateTime.UtcNow + delay;
            }
        }

        // The runtime releases the work item next; the release schedules the retry once the back-off has passed.
    }

    /// <summary>Unlocks the instance; it goes back to the ready channel when messages wait for it.</summary>
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        Interlocked.Decrement(ref _openWorkItems);
        if (item.Dropped.Count > 0)
        {
            _ = DeleteMessagesAsync([.. item.Dropped]);
            item.Dropped.Clear();
        }

        lock (_gate)
        {
            var queue = item.Queue;
            if (item.Current.Count > 0 && queue.Generation == item.Generation)
            {
                // Handed out but never processed (the worker was stopping): the messages go back.
                queue.Messages.InsertRange(0, item.Current);
            }

            item.Current = [];
            queue.Locked = false;
            queue.SessionWaiter = null;
            MakeReady(queue);
            TrimQueue(queue);
        }

        return Task.CompletedTask;
    }

    /// <summary>For tests: the base of the back-off after an abandoned attempt (doubling per attempt, at most 30 times this).</summary>
    internal TimeSpan AbandonBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>For tests: the wait before retrying work the store could not commit.</summary>
    internal TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    private long _workItemsHandedOut;
    private long _storeFailureRetries;

    /// <summary>For tests: work items put back because the store could not commit them (not counted as failed attempts).</summary>
    internal long StoreFailureRetries => Interlocked.Read(ref _storeFailureRetries);

    /// <summary>Timers and scheduled starts waiting in memory for their time (withdrawn timers not counted).</summary>
    internal int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    private long _sessionBatchesHandedOut;

    private long _openWorkItems;

    /// <summary>Sessions idle in <see cref="FetchSessionMessagesAsync"/> whose instance waits for the outside. Guarded by the gate.</summary>
    private int _sessionsAwaitingOutside;

    /// <summary>For benchmarks: work items handed out, and batches handed to extended sessions (episodes without a reload).</summary>
    internal (long WorkItems, long SessionBatches) DispatchCounts => (Interlocked.Read(ref _workItemsHandedOut), Interlocked.Read(ref _sessionBatchesHandedOut));

    private TimeSpan Backoff(int attempts) => AbandonBackoffBase * Math.Min(30, 1 << Math.Min(attempts - 1, 5));

    private (InstanceQueue Queue, int Generation, List<QueuedMessage> Messages, CachedInstance? Cached)? Claim(string instanceId)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(instanceId, out var queue))
            {
                return null;
            }

            queue.InReady = false;
            if (queue.Locked || queue.Parked || queue.Messages.Count == 0)
            {
                TrimQueue(queue);
                return null;
            }

            queue.Locked = true;
            List<QueuedMessage> messages = [.. queue.Messages];
            queue.Messages.Clear();
            return (queue, queue.Generation, messages, _cache.Get(instanceId));
        }
    }

    /// <summary>
    /// Builds the work item from the instance's history, dropping what the runtime must not see: messages for another
    /// execution, messages for an instance that does not exist or has ended. Messages for an instance whose start is
    /// scheduled later wait for it (parked). Null when nothing is left to process.
    /// </summary>
    private async Task<SqliteOrchestrationWorkItem?> PrepareWorkItemAsync((InstanceQueue Queue, int Generation, List<QueuedMessage> Messages, CachedInstance? Cached) claim)
    {
        var (queue, generation, messages, cached) = claim;
        OrchestrationRuntimeState state;
        OrchestrationStatus? storedStatus;
        string? storedCustomStatus;
        try
        {
            if (cached is not null)
            {
                state = cached.ToRuntimeState();
                storedStatus = cached.Status;
                storedCustomStatus = cached.CustomStatus;
            }
            else
            {
                (storedStatus, storedCustomStatus, var events) = await LoadInstanceAsync(queue.InstanceId);
                state = new OrchestrationRuntimeState(events);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidDataException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException)
        {
            ReturnUnprocessed(queue, generation, messages, StoreRetryDelay);
            throw;
        }

        var start = messages.LastOrDefault(m => m.IsStart);
        var executionId = state.OrchestrationInstance?.ExecutionId;
        if (start is not null)
        {
            var startExecution = ((ExecutionStartedEvent)start.Message.Event).OrchestrationInstance?.ExecutionId ?? start.ExecutionId;
            if (!string.Equals(executionId, startExecution, StringComparison.Ordinal))
            {
                // A new execution (the instance was replaced): it starts from an empty history.
                state = new OrchestrationRuntimeState();
                executionId = startExecution;
            }
        }

        var kept = new List<QueuedMessage>(messages.Count);
        var dropped = new List<long>();
        foreach (var message in messages)
        {
            var stale = message.IsStart
                ? !ReferenceEquals(message, start) && !string.Equals(((ExecutionStartedEvent)message.Message.Event).OrchestrationInstance?.ExecutionId, executionId, StringComparison.Ordinal)
                : message.ExecutionId is not null && executionId is not null && !string.Equals(message.ExecutionId, executionId, StringComparison.Ordinal);
            if (stale)
            {
                Logs.MessageDropped(_logger, message.Message.Event.EventType.ToString(), queue.InstanceId, "it was sent to another execution");
                dropped.Add(message.Id);
            }
            else
            {
                kept.Add(message);
            }
        }

        if (state.ExecutionStartedEvent is null && start is null)
        {
            if (storedStatus == OrchestrationStatus.Pending)
            {
                // Started later (scheduled): events raised meanwhile wait for the start.
                lock (_gate)
                {
                    if (queue.Generation == generation)
                    {
                        queue.Messages.InsertRange(0, kept);
                        queue.Parked = true;
                    }
                }

                kept.Clear();
            }
            else
            {
                foreach (var message in kept)
                {
                    Logs.MessageDropped(_logger, message.Message.Event.EventType.ToString(), queue.InstanceId, "the instance does not exist");
                }
            }
        }
        else if (start is null && (IsTerminal(state.OrchestrationStatus) || (storedStatus is { } stored && IsTerminal(stored))))
        {
            foreach (var message in kept)
            {
                Logs.MessageDropped(_logger, message.Message.Event.EventType.ToString(), queue.InstanceId, "the instance has ended");
            }
        }
        else if (kept.Count > 0)
        {
            var workItem = new SqliteOrchestrationWorkItem(queue, generation)
            {
                InstanceId = queue.InstanceId,
                OrchestrationRuntimeState = state,
                NewMessages = [.. kept.Select(m => m.Message)],
                LockedUntilUtc = DateTime.MaxValue,
                Current = kept,
                PersistedStatus = start is null ? storedStatus : null,
                PersistedCustomStatus = start is null ? storedCustomStatus : null,
            };
            workItem.Dropped.AddRange(dropped);
            if (_settings.ExtendedSessionIdleTimeout > TimeSpan.Zero)
            {
                workItem.Session = new OrchestrationSession(FetchSessionMessagesAsync, workItem);
            }

            return workItem;
        }

        dropped.AddRange(kept.Select(m => m.Id));
        if (dropped.Count > 0)
        {
            _ = DeleteMessagesAsync(dropped);
        }

        lock (_gate)
        {
            queue.Locked = false;
            MakeReady(queue);
            TrimQueue(queue);
        }

        return null;
    }

    /// <summary>
    /// The extended session's next batch: waits (up to the idle timeout) for the instance's next committed messages.
    /// Null ends the session: idle, stopping, or the instance was replaced (a new start must begin from a fresh state).
    /// A session that waits for the outside (an event, a timer) and has been idle for <see cref="SessionYieldAfter"/> also
    /// ends while every session is taken: an instance waiting for a person or a timer gives its place to one with work.
    /// </summary>
    private async Task<IList<TaskMessage>?> FetchSessionMessagesAsync(SqliteOrchestrationWorkItem workItem)
    {
        var queue = workItem.Queue;
        var executionId = workItem.OrchestrationRuntimeState?.OrchestrationInstance?.ExecutionId;
        var deadline = DateTime.UtcNow + _settings.ExtendedSessionIdleTimeout;
        while (true)
        {
            TaskCompletionSource<bool> waiter;
            lock (_gate)
            {
                if (!_dispatching || _sessionsEnding || queue.Generation != workItem.Generation)
                {
                    return null;
                }

                if (queue.Messages.Count > 0)
                {
                    if (queue.Messages.Exists(m => m.IsStart))
                    {
                        return null;
                    }

                    var kept = new List<QueuedMessage>(queue.Messages.Count);
                    foreach (var message in queue.Messages)
                    {
                        if (message.ExecutionId is not null && executionId is not null && !string.Equals(message.ExecutionId, executionId, StringComparison.Ordinal))
                        {
                            workItem.Dropped.Add(message.Id);
                        }
                        else
                        {
                            kept.Add(message);
                        }
                    }

                    queue.Messages.Clear();
                    if (kept.Count > 0)
                    {
                        workItem.Current = kept;
                        _sessionBatchesHandedOut++;
                        return [.. kept.Select(m => m.Message)];
                    }
                }

                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                queue.SessionWaiter = waiter;
                if (workItem.AwaitsOutside)
                {
                    _sessionsAwaitingOutside++;
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            var woken = false;
            if (remaining > TimeSpan.Zero)
            {
                try
                {
                    woken = await waiter.Task.WaitAsync(remaining < SessionYieldAfter ? remaining : SessionYieldAfter, _closing.Token);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                }
            }

            lock (_gate)
            {
                if (ReferenceEquals(queue.SessionWaiter, waiter))
                {
                    queue.SessionWaiter = null;
                }

                if (workItem.AwaitsOutside)
                {
                    _sessionsAwaitingOutside--;
                }

                if (!woken && queue.Messages.Count == 0
                    && (DateTime.UtcNow >= deadline || _closing.IsCancellationRequested || (workItem.AwaitsOutside && _startAdmission.SessionsFull(OpenWorkItems))))
                {
                    return null;
                }
            }
        }
    }

    /// <summary>How long a session waiting for the outside keeps its place while every session is taken.</summary>
    internal static readonly TimeSpan SessionYieldAfter = TimeSpan.FromSeconds(1);

    /// <summary>Orchestration work items handed out and not yet released: running episodes and extended sessions.</summary>
    private int OpenWorkItems => (int)Interlocked.Read(ref _openWorkItems);

    /// <summary>
    /// Work items that are running or about to: open ones, less sessions idle until the outside sends news (those do
    /// not hold new instances back, or a burst of instances that each wait for an event would start a few at a time).
    /// </summary>
    private int BusyWorkItems
    {
        get
        {
            lock (_gate)
            {
                return OpenWorkItems - _sessionsAwaitingOutside;
            }
        }
    }

    /// <summary>
    /// The token the runtime's dispatcher passes is cancelled when the worker stops: idle sessions end then, so a graceful
    /// stop does not wait for them (the runtime stops its dispatchers before it stops this service).
    /// </summary>
    private void WatchDispatcherShutdown(CancellationToken dispatcherShutdown)
    {
        if (!dispatcherShutdown.CanBeCanceled || dispatcherShutdown == _watchedDispatcherShutdown)
        {
            return;
        }

        lock (_gate)
        {
            if (dispatcherShutdown == _watchedDispatcherShutdown)
            {
                return;
            }

            _watchedDispatcherShutdown = dispatcherShutdown;
        }

        dispatcherShutdown.Register(() =>
        {
            _sessionsEnding = true;
            WakeAllSessions();
        });
    }

    private void ReturnUnprocessed(InstanceQueue queue, int generation, List<QueuedMessage> messages, TimeSpan delay)
    {
        lock (_gate)
        {
            if (queue.Generation == generation)
            {
                queue.Messages.InsertRange(0, messages);
                queue.NotBefore = DateTime.UtcNow + delay;
            }

            queue.Locked = false;
            MakeReady(queue);
        }
    }

    /// <summary>The instance's stored status (null when it does not exist) and its current execution's history.</summary>
    private async Task<(OrchestrationStatus? Status, string? CustomStatus, List<HistoryEvent> Events)> LoadInstanceAsync(string instanceId)
    {
        await using var connection = await OpenReadAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction(deferred: true);
        OrchestrationStatus? status = null;
        string? customStatus = null;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT status, custom_status FROM instances WHERE instance_id = $i";
            command.Parameters.AddWithValue("$i", instanceId);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                status = (OrchestrationStatus)reader.GetInt32(0);
                customStatus = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        var events = status is null ? [] : await ReadHistoryAsync(connection, transaction, instanceId);
        return (status, customStatus, events);
    }

    private static async Task<List<HistoryEvent>> ReadHistoryAsync(SqliteConnection connection, SqliteTransaction? transaction, string instanceId)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT events FROM history WHERE instance_id = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instanceId);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<HistoryEvent>();
        while (await reader.ReadAsync())
        {
            events.AddRange(StoredFormat.ReadEvents(reader.GetValue(0)));
        }

        return events;
    }

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task IdleAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(receiveTimeout < TimeSpan.FromMilliseconds(200) ? receiveTimeout : TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The next instance to hand out: a running one when any is ready, else a new one when <see cref="StartAdmission"/>
    /// lets it start; null when neither comes within <paramref name="timeout"/>. While a start is held back, the wait
    /// looks again every few milliseconds, since admission changes as activities and episodes finish.
    /// </summary>
    private async Task<string?> NextReadyInstanceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_ready.Reader.TryRead(out var running))
            {
                return running;
            }

            var episodes = Interlocked.Read(ref _workItemsHandedOut) + Interlocked.Read(ref _sessionBatchesHandedOut);
            if (_readyStarts.Reader.TryPeek(out var next)
                && _startAdmission.Admits(_activities.Reader.Count, BusyWorkItems, episodes, next.ReadyAt)
                && _readyStarts.Reader.TryRead(out var start))
            {
                _startAdmission.Started(episodes);
                return start.InstanceId;
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            var startsWaiting = _readyStarts.Reader.Count > 0;
            linked.CancelAfter(startsWaiting && left > StartRecheck ? StartRecheck : left);
            try
            {
                if (startsWaiting)
                {
                    await _ready.Reader.WaitToReadAsync(linked.Token);
                }
                else
                {
                    await Task.WhenAny(_ready.Reader.WaitToReadAsync(linked.Token).AsTask(), _readyStarts.Reader.WaitToReadAsync(linked.Token).AsTask());
                }
            }
            catch (OperationCanceledException)
            {
                // A timeout, the store closing or the dispatcher stopping: told apart below.
            }

            // The wait that did not finish is withdrawn from its channel instead of lingering there.
            await linked.CancelAsync();

            // The dispatcher stopping ends the wait (WhenAny does not throw when its waits are cancelled).
            cancellationToken.ThrowIfCancellationRequested();
            if (_closing.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>How often a wait with held-back starts looks again whether one may go.</summary>
    private static readonly TimeSpan StartRecheck = TimeSpan.FromMilliseconds(5);

    /// <summary>The next item, or null when none arrives within <paramref name="timeout"/> or the store closes.</summary>
    private async Task<T?> ReadAsync<T>(ChannelReader<T> reader, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        if (reader.TryRead(out var item))
        {
            return item;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        linked.CancelAfter(timeout);
        try
        {
            while (await reader.WaitToReadAsync(linked.Token))
            {
                if (reader.TryRead(out item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return null;
    }
}
