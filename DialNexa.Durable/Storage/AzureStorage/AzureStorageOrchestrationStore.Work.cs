using System.Globalization;
using System.Text;
using System.Text.Json;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var instanceId = await _ready.Reader.ReadAsync(cancellationToken);
            Interlocked.Decrement(ref _readyCount);
            List<(int Partition, QueueMessage Hint)> hints;
            List<OrchestrationMessage> local;
            LocalRun? run;
            bool needsQuery;
            lock (_gate)
            {
                if (!_slots.TryGetValue(instanceId, out var slot))
                {
                    continue;
                }

                slot.Queued = false;
                if (slot.Locked)
                {
                    continue;
                }

                slot.Locked = true;
                slot.ArrivedWhileLocked = false;
                slot.LocalWake = false;
                hints = [.. slot.Hints];
                needsQuery = slot.NeedsQuery;
                slot.NeedsQuery = false;
                run = _runs.GetValueOrDefault(instanceId);
                local = run is null ? [] : [.. run.Results];
                run?.Results.Clear();
                needsQuery |= run?.Status is null;
            }

            var lockState = new LockState(run?.Status!, hints, run);
            try
            {
                if (!needsQuery)
                {
                    // Only local results woke it, and this host wrote the status row last: no read (a 412 on the
                    // checkpoint means another host wrote since, and the retry reads).
                    if (local.Count > 0)
                    {
                        return new OrchestrationWorkItem(instanceId, local) { HistoryLength = lockState.Instance.GetInt32("H") ?? 0, StoreHandle = lockState };
                    }

                    await FinishAsync(instanceId, hints);
                    continue;
                }

                if (await TryBuildWorkItemAsync(instanceId, hints, run, local, cancellationToken) is { } workItem)
                {
                    return workItem;
                }

                await FinishAsync(instanceId, hints);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ReturnLocalResults(instanceId, lockState, local, countDelivery: false);
                Unlock(instanceId, [], retryAfter: null);
                throw;
            }
#pragma warning disable CA1031 // Storage trouble while looking: try this instance again shortly; its wake-ups stay held.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                AzureStorageLog.LockFailed(_logger, instanceId, ex.GetType().Name, ex.Message);
                ReturnLocalResults(instanceId, lockState, local, countDelivery: false);
                Unlock(instanceId, [], retryAfter: TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>
    /// Reads the instance's status row, waiting messages and outbox (one query: every row from <c>i</c> on), carries out
    /// an outbox left by a host that stopped mid-checkpoint, drops stale messages, and returns the due messages in order
    /// (with the local results <paramref name="local"/> taken from this host's run of the instance).
    /// </summary>
    private async Task<OrchestrationWorkItem?> TryBuildWorkItemAsync(
        string instanceId,
        List<(int Partition, QueueMessage Hint)> hints,
        LocalRun? run,
        List<OrchestrationMessage> local,
        CancellationToken cancellationToken)
    {
        var rows = await _instances.QueryAsync($"PartitionKey eq '{Escape(instanceId)}' and RowKey ge 'i'", cancellationToken);
        var instance = rows.FirstOrDefault(r => r.RowKey == InstanceRowKey);
        var outbox = rows.Where(r => r.RowKey.StartsWith("o|", StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var executionId = instance?.GetString("X");
        if (run is not null && run.ExecutionId != executionId)
        {
            // The execution this host ran ended or was replaced: what it kept is stale.
            ForgetRun(instanceId, run);
            run = null;
            local = [];
        }

        // An outbox this host carried out itself (its local activities run here) is deleted by a later checkpoint's
        // batch; any other (left by a host that stopped) is carried out now.
        var ours = new HashSet<string>(StringComparer.Ordinal);
        if (run is not null)
        {
            lock (_gate)
            {
                foreach (var key in run.Outboxes.Keys.ToList())
                {
                    if (outbox.Any(r => r.RowKey == key))
                    {
                        ours.Add(key);
                    }
                    else
                    {
                        run.Outboxes.Remove(key);
                    }
                }
            }
        }

        foreach (var row in outbox.Where(r => !ours.Contains(r.RowKey)))
        {
            await CarryOutAsync(instanceId, row, cancellationToken);
        }

        var messages = rows.Where(r => r.RowKey.StartsWith("m|", StringComparison.Ordinal)).ToList();
        if (instance is null)
        {
            await DeleteRowsAsync(instanceId, messages.Select(m => m.RowKey), cancellationToken);
            return null;
        }

        var now = DateTime.UtcNow;
        var stale = messages.Where(m => m.GetString("X") is { } x && x != executionId).Select(m => m.RowKey).ToList();
        if (stale.Count > 0)
        {
            await DeleteRowsAsync(instanceId, stale, cancellationToken);
        }

        var current = messages.Where(m => m.GetString("X") is not { } x || x == executionId).ToList();
        var ordered = current.Where(m => m.GetDateTime("V") is not { } at || at <= now)
            .OrderBy(m => m.GetInt64("T") ?? 0)
            .ThenBy(m => m.RowKey, StringComparer.Ordinal)
            .ToList();
        var due = ordered.Take(Math.Max(1, MaxMessagesPerWorkItem - local.Count)).ToList();

        // A resume or terminate behind a long backlog (events kept while suspended) must not wait behind it.
        due.AddRange(ordered.Skip(MaxMessagesPerWorkItem).Where(m => m.GetInt32("K") is (int)HistoryEventType.ExecutionResumed or (int)HistoryEventType.ExecutionTerminated).Take(20));
        if (due.Count == 0 && local.Count == 0)
        {
            if (current.Select(m => m.GetDateTime("V")).Where(v => v > now).Min() is { } next)
            {
                await WakeAsync(instanceId, next - now, cancellationToken);
            }

            return null;
        }

        var workMessages = new List<OrchestrationMessage>(due.Count);
        foreach (var row in due)
        {
            var historyEvent = DurableJson.DeserializeEvent((await _codec.GetAsync(row, "E", cancellationToken))!);
            workMessages.Add(new OrchestrationMessage(instanceId, historyEvent) { DequeueCount = row.GetInt32("C") ?? 1, StoreHandle = row.RowKey });
        }

        workMessages.AddRange(local);
        if ((instance.GetInt32("H") ?? 0) == 0)
        {
            _unstarted[instanceId] = instance;
        }

        return new OrchestrationWorkItem(instanceId, workMessages)
        {
            HistoryLength = instance.GetInt32("H") ?? 0,
            StoreHandle = new LockState(instance, hints, run),
        };
    }

    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var state = (LockState)workItem.StoreHandle!;
        _unstarted.TryRemove(workItem.InstanceId, out _);
        ReturnLocalResults(workItem.InstanceId, state, workItem.Messages, countDelivery: true);
        try
        {
            await Task.WhenAll(workItem.Messages.Where(m => m.StoreHandle is string).Select(m => CountDeliveryAsync(workItem.InstanceId, (string)m.StoreHandle!, m.DequeueCount + 1, cancellationToken)));
            await WakeAsync(workItem.InstanceId, delay, cancellationToken);
            await FinishAsync(workItem.InstanceId, state.Hints);
        }
        catch
        {
            Unlock(workItem.InstanceId, [], retryAfter: delay);
            throw;
        }
    }

    private async Task CountDeliveryAsync(string instanceId, string rowKey, int count, CancellationToken cancellationToken)
    {
        try
        {
            await _instances.MergeAsync(new TableEntity(instanceId, rowKey).Set("C", count), "*", cancellationToken);
        }
        catch (StorageRequestException ex) when (ex.IsNotFound)
        {
            // Consumed meanwhile.
        }
    }

    /// <summary>
    /// Unlocks the instance after an episode (its outbox went out). The wake-ups it was started by are deleted when
    /// no local work is under way; otherwise they stay hidden in their queues, the durable wake-up should this host
    /// die before that work is committed (the next host to load the instance carries its outbox out again).
    /// </summary>
    private async Task FinishAsync(string instanceId, IReadOnlyList<(int Partition, QueueMessage Hint)> hints)
    {
        bool busy;
        lock (_gate)
        {
            busy = _runs.TryGetValue(instanceId, out var run) && run.Busy;
            if (run is not null && !busy)
            {
                run.Status = null;
            }
        }

        if (busy)
        {
            Unlock(instanceId, [], retryAfter: null);
            return;
        }

        if (hints.Count > 0)
        {
            await Task.WhenAll(hints.Select(h => TryAsync(() => QueueOf(h.Partition).DeleteAsync(h.Hint, CancellationToken.None))));
        }

        Unlock(instanceId, hints, retryAfter: null);
    }

    private void Unlock(string instanceId, IReadOnlyList<(int Partition, QueueMessage Hint)> processed, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(instanceId, out var slot))
            {
                return;
            }

            foreach (var hint in processed)
            {
                slot.Hints.Remove(hint);
            }

            slot.Locked = false;
            var again = slot.ArrivedWhileLocked || slot.LocalWake;
            slot.ArrivedWhileLocked = false;
            if (retryAfter is { } delay)
            {
                Track(RetryLaterAsync(instanceId, delay));
            }
            else if (again)
            {
                MakeReady(instanceId, slot);
            }
            else if (slot.Hints.Count == 0 && !slot.Queued)
            {
                _slots.Remove(instanceId);
            }
        }
    }

    private async Task RetryLaterAsync(string instanceId, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (_slots.TryGetValue(instanceId, out var slot))
            {
                slot.NeedsQuery = true;
                MakeReady(instanceId, slot);
            }
        }
    }

    /// <summary>Reads one control queue while this host holds its lease; every wake-up marks its instance ready.</summary>
    private async Task PollControlQueueAsync(int partition, CancellationToken cancellationToken)
    {
        var idle = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                while (Volatile.Read(ref _readyCount) > 256)
                {
                    await Task.Delay(20, cancellationToken);
                }

                var hints = await _control[partition].GetAsync(StorageQueue.MaxBatch, _options.ControlQueueVisibilityTimeout, cancellationToken);
                if (hints.Count == 0)
                {
                    idle = Next(idle);
                    await Task.Delay(idle, cancellationToken);
                    continue;
                }

                idle = TimeSpan.Zero;
                lock (_gate)
                {
                    foreach (var hint in hints)
                    {
                        if (!_slots.TryGetValue(hint.Text, out var slot))
                        {
                            slot = new InstanceSlot();
                            _slots[hint.Text] = slot;
                        }

                        slot.Hints.Add((partition, hint));
                        slot.NeedsQuery = true;
                        MakeReady(hint.Text, slot);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                AzureStorageLog.PollFailed(_logger, _control[partition].Name, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private TimeSpan Next(TimeSpan idle)
    {
        var doubled = idle == TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : idle * 2;
        return doubled > _options.MaxQueuePollingInterval ? _options.MaxQueuePollingInterval : doubled;
    }

    public async Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) =>
        await _activities.Reader.ReadAsync(cancellationToken);

    /// <summary>
    /// Fills the activity channel from the work-item queue whenever it runs empty (local activities are written to the
    /// same channel by checkpoints, so they never wait for a poll); an empty queue is polled less and less often.
    /// </summary>
    private async Task FetchActivitiesAsync(CancellationToken cancellationToken)
    {
        var idle = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_activities.Reader.Count > 0)
                {
                    await Task.Delay(10, cancellationToken);
                    continue;
                }

                var messages = await _workItems.GetAsync(16, _options.WorkItemQueueVisibilityTimeout, cancellationToken);
                if (messages.Count == 0)
                {
                    idle = Next(idle);
                    await Task.Delay(idle, cancellationToken);
                    continue;
                }

                idle = TimeSpan.Zero;
                foreach (var message in messages)
                {
                    if (!_activities.Writer.TryWrite(await ReadActivityAsync(message, cancellationToken)))
                    {
                        // Stopping: it becomes visible again when its hiding time ends.
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                AzureStorageLog.PollFailed(_logger, _workItems.Name, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task<ActivityWorkItem> ReadActivityAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Deserialize<ActivityMessage>(message.Text)!;
        var json = body.Event ?? Encoding.UTF8.GetString(PayloadCodec.Decompress(await _codec.GetLargeAsync(body.LargeKey!, cancellationToken)));
        return new ActivityWorkItem(body.InstanceId, body.ExecutionId, DurableJson.DeserializeEvent(json))
        {
            DequeueCount = message.DequeueCount,
            StoreHandle = message,
        };
    }

    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        if (workItem.StoreHandle is LocalActivity local)
        {
            await CompleteLocalActivityAsync(workItem, local, result, cancellationToken);
            return;
        }

        await WriteResultRowAsync(workItem.InstanceId, workItem.ExecutionId, workItem.Scheduled.EventId, result, cancellationToken);
        var activityMessage = (QueueMessage)workItem.StoreHandle!;
        if (_owned.ContainsKey(PartitionOf(workItem.InstanceId)) && !_stopping.IsCancellationRequested)
        {
            // This host runs the instance: the activity's own queue message becomes its wake-up, deleted only when
            // the episode that consumes the result has committed. If this host dies first, the message reappears,
            // the activity runs again and its result wakes the instance through the control queue.
            lock (_gate)
            {
                if (!_slots.TryGetValue(workItem.InstanceId, out var slot))
                {
                    slot = new InstanceSlot();
                    _slots[workItem.InstanceId] = slot;
                }

                slot.Hints.Add((WorkItemQueue, activityMessage));
                slot.NeedsQuery = true;
                MakeReady(workItem.InstanceId, slot);
            }

            return;
        }

        await WakeAsync(workItem.InstanceId, TimeSpan.Zero, cancellationToken);
        await _workItems.DeleteAsync(activityMessage, cancellationToken);
    }

    /// <summary>Writes an activity's result as a message row; a fixed row key per step, so a second delivery overwrites the first while it waits.</summary>
    private async Task WriteResultRowAsync(string instanceId, string executionId, int eventId, HistoryEvent result, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, string.Create(CultureInfo.InvariantCulture, $"m|r|{executionId}|{eventId}"))
            .Set("X", executionId)
            .Set("T", NextOrder())
            .Set("C", 1)
            .Set("K", (int)result.Type);
        await _codec.SetAsync(row, "E", DurableJson.SerializeEvent(result), cancellationToken);
        await _instances.UpsertAsync(row, cancellationToken);
    }

    /// <summary>The queue a held wake-up came from: a control queue, or the work-item queue (<see cref="WorkItemQueue"/>).</summary>
    private StorageQueue QueueOf(int partition) => partition == WorkItemQueue ? _workItems : _control[partition];

    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.StoreHandle is LocalActivity local)
        {
            Track(AbandonLocalActivityAsync(workItem, local, delay));
            return;
        }

        await _workItems.UpdateVisibilityAsync((QueueMessage)workItem.StoreHandle!, delay, cancellationToken);
    }

    private async Task DeleteRowsAsync(string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(TableBatch.MaxOperations))
        {
            var batch = new TableBatch();
            foreach (var key in chunk)
            {
                batch.Delete(partitionKey, key);
            }

            try
            {
                await _instances.ExecuteBatchAsync(batch, cancellationToken);
            }
            catch (StorageRequestException ex) when (ex.IsNotFound)
            {
                // Someone deleted one of them first: delete the rest one by one.
                foreach (var key in chunk)
                {
                    await _instances.DeleteAsync(partitionKey, key, "*", cancellationToken);
                }
            }
        }
    }

    /// <summary>OData string literal: single quotes doubled.</summary>
    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>
    /// What a locked work item carries: the status row as read or as this host last wrote it (its ETag guards the
    /// checkpoint), the wake-ups it was started by, and this host's run of the instance (null when it has none).
    /// </summary>
    private sealed record LockState(TableEntity Instance, IReadOnlyList<(int Partition, QueueMessage Hint)> Hints, LocalRun? Run);
}
