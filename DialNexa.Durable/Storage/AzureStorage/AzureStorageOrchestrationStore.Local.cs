using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>Local activity dispatch: activities of instances this host runs go through memory, not the work-item queue.</summary>
public sealed partial class AzureStorageOrchestrationStore
{
    /// <summary>
    /// Whether a checkpoint may hand its activities to this host's own workers: the instance's partition is ours, the
    /// execution goes on, and the episode holds a queue message that stays hidden while the work runs (the durable
    /// wake-up if this host dies: it reappears and whoever loads the instance carries the outbox out again).
    /// </summary>
    private bool CanRunLocally(string instanceId, LockState state, bool ends) =>
        _options.LocalActivities && !ends && state.Hints.Count > 0 && !_stopping.IsCancellationRequested && _owned.ContainsKey(PartitionOf(instanceId));

    /// <summary>The run this host keeps for an instance (creating it for <paramref name="executionId"/>, or anew when the execution changed). Call under <see cref="_gate"/>.</summary>
    private LocalRun RunOf(string instanceId, string executionId)
    {
        if (!_runs.TryGetValue(instanceId, out var run) || run.ExecutionId != executionId)
        {
            run = new LocalRun(executionId);
            _runs[instanceId] = run;
        }

        return run;
    }

    private void EnqueueLocalActivity(string instanceId, string executionId, LocalRun run, string outboxKey, HistoryEvent scheduled, int dequeueCount)
    {
        var workItem = new ActivityWorkItem(instanceId, executionId, scheduled)
        {
            DequeueCount = dequeueCount,
            StoreHandle = new LocalActivity(run, outboxKey),
        };
        // When stopping the write fails: the outbox row stays, and the next host to load the instance sends the activity out again.
        if (_activities.Writer.TryWrite(workItem))
        {
            Track(RedeliverIfUnansweredAsync(workItem, run, outboxKey));
        }
    }

    /// <summary>
    /// What the work-item queue does for a queued activity, done for a local one: when no result has come back after
    /// the work-item visibility timeout (the run hangs), the activity is handed out again, counted as another delivery
    /// (so one that keeps hanging is dead-lettered after the maximum). A late result of the first run is a repeat,
    /// which the engine ignores.
    /// </summary>
    private async Task RedeliverIfUnansweredAsync(ActivityWorkItem workItem, LocalRun run, string outboxKey)
    {
        try
        {
            await Task.Delay(_options.WorkItemQueueVisibilityTimeout, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var step = workItem.Scheduled.EventId;
        lock (_gate)
        {
            var unanswered = _runs.TryGetValue(workItem.InstanceId, out var current) && current == run
                && run.Outboxes.TryGetValue(outboxKey, out var waiting) && waiting.Contains(step)
                && !run.Results.Any(r => r.StoreHandle is LocalResult result && result.OutboxKey == outboxKey && result.EventId == step);
            if (!unanswered)
            {
                return;
            }
        }

        AzureStorageLog.LocalActivityRedelivered(_logger, workItem.InstanceId, workItem.Scheduled.Name ?? "?", workItem.DequeueCount + 1);
        EnqueueLocalActivity(workItem.InstanceId, workItem.ExecutionId, run, outboxKey, workItem.Scheduled, workItem.DequeueCount + 1);
    }

    /// <summary>
    /// A local activity's result: kept in memory as the instance's wake-up while this host still runs the instance;
    /// otherwise (partition moved, host stopping) written as a message row with a control-queue wake-up, as a queued
    /// activity's result would be. Results for an execution this host no longer runs are dropped (it ended).
    /// </summary>
    private async Task CompleteLocalActivityAsync(ActivityWorkItem workItem, LocalActivity local, HistoryEvent result, CancellationToken cancellationToken)
    {
        var instanceId = workItem.InstanceId;
        lock (_gate)
        {
            if (!_runs.TryGetValue(instanceId, out var current) || current != local.Run)
            {
                return;
            }

            if (_owned.ContainsKey(PartitionOf(instanceId)) && !_stopping.IsCancellationRequested)
            {
                local.Run.Results.Add(new OrchestrationMessage(instanceId, result)
                {
                    DequeueCount = 1,
                    StoreHandle = new LocalResult(local.OutboxKey, workItem.Scheduled.EventId),
                });
                var slot = SlotOf(instanceId);
                MakeReady(instanceId, slot);
                return;
            }
        }

        await WriteResultRowAsync(instanceId, workItem.ExecutionId, workItem.Scheduled.EventId, result, cancellationToken);
        lock (_gate)
        {
            // The result row is durable now: the outbox row need not wait for this activity any longer.
            if (local.Run.Outboxes.TryGetValue(local.OutboxKey, out var waiting))
            {
                waiting.Remove(workItem.Scheduled.EventId);
            }
        }

        await WakeAsync(instanceId, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>
    /// Local results an episode left unconsumed (the instance is suspended) are written as message rows, like queued
    /// activities' results, so they wait in storage instead of keeping the instance's wake-ups hidden.
    /// </summary>
    private async Task StoreUnconsumedResultsAsync(string instanceId, string executionId, LocalRun? run, IEnumerable<OrchestrationMessage> unconsumed, CancellationToken cancellationToken)
    {
        foreach (var message in unconsumed)
        {
            var local = (LocalResult)message.StoreHandle!;
            await WriteResultRowAsync(instanceId, executionId, local.EventId, message.Event, cancellationToken);
            lock (_gate)
            {
                if (run is not null && run.Outboxes.TryGetValue(local.OutboxKey, out var waiting))
                {
                    waiting.Remove(local.EventId);
                }
            }
        }
    }

    private async Task AbandonLocalActivityAsync(ActivityWorkItem workItem, LocalActivity local, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _activities.Writer.TryWrite(workItem with { DequeueCount = workItem.DequeueCount + 1, StoreHandle = local });
    }

    /// <summary>Puts results an episode did not commit back where the next episode finds them, and makes the next episode read the instance.</summary>
    private void ReturnLocalResults(string instanceId, LockState state, IEnumerable<OrchestrationMessage> messages, bool countDelivery)
    {
        lock (_gate)
        {
            if (state.Run is { } run && _runs.TryGetValue(instanceId, out var current) && current == run)
            {
                run.Status = null;
                run.Results.InsertRange(0, messages.Where(m => m.StoreHandle is LocalResult).Select(m => countDelivery ? m with { DequeueCount = m.DequeueCount + 1 } : m));
            }

            SlotOf(instanceId).NeedsQuery = true;
        }
    }

    /// <summary>The slot of an instance, created when missing. Call under <see cref="_gate"/>.</summary>
    private InstanceSlot SlotOf(string instanceId)
    {
        if (!_slots.TryGetValue(instanceId, out var slot))
        {
            slot = new InstanceSlot();
            _slots[instanceId] = slot;
        }

        return slot;
    }

    /// <summary>
    /// What this host knows of an instance it runs: the status row as its own last checkpoint wrote it (with the new
    /// ETag, so the next episode need not read it), the outbox rows it carried out itself (each with the local
    /// activities whose results are not committed yet; the row is deleted by the checkpoint that commits the last of
    /// them), and results of local activities waiting for the next episode.
    /// </summary>
    private sealed class LocalRun(string executionId)
    {
        public string ExecutionId { get; } = executionId;

        public TableEntity? Status { get; set; }

        public Dictionary<string, HashSet<int>> Outboxes { get; } = new(StringComparer.Ordinal);

        public List<OrchestrationMessage> Results { get; } = [];

        /// <summary>Local work is still under way: a result waits, or an activity has not been committed as a result.</summary>
        public bool Busy => Results.Count > 0 || Outboxes.Values.Any(waiting => waiting.Count > 0);
    }

    /// <summary>The handle of an activity run from memory: the run that scheduled it and the outbox row that records it.</summary>
    private sealed record LocalActivity(LocalRun Run, string OutboxKey);

    /// <summary>The handle of a result kept in memory: the outbox row of its activity and the step.</summary>
    private sealed record LocalResult(string OutboxKey, int EventId);
}
