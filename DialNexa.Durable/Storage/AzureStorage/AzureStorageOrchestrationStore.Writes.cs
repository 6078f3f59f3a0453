using System.Globalization;
using System.Text;
using System.Text.Json;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    private const string InstanceRowKey = "i";

    public async Task<CreateInstanceResult> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await PutPayloadsAsync(instance.InstanceId, instance.Payloads, cancellationToken);
        var result = await CreateAsync(instance, recognise: false, cancellationToken);
        if (result.Created)
        {
            await WakeAsync(instance.InstanceId, TimeSpan.Zero, cancellationToken);
            SignalChange(instance.InstanceId);
        }

        return result;
    }

    /// <summary>
    /// Inserts the status row and the ExecutionStarted message in one batch (the insert itself decides concurrent
    /// starts: one wins, the rest get 409 and read what exists). A finished instance is replaced under its ETag.
    /// With <paramref name="recognise"/>, an instance that already has this execution ID counts as created (a repeat).
    /// </summary>
    private async Task<CreateInstanceResult> CreateAsync(NewInstance instance, bool recognise, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            var existing = attempt == 0 ? null : await _instances.GetAsync(instance.InstanceId, InstanceRowKey, cancellationToken);
            if (attempt > 0 && existing is not null)
            {
                if (recognise && existing.GetString("X") == instance.ExecutionId)
                {
                    return CreateInstanceResult.Success;
                }

                var status = (OrchestrationRuntimeStatus)(existing.GetInt32("S") ?? 0);
                if (instance.DedupeStatuses.Contains(status))
                {
                    return CreateInstanceResult.Exists(status);
                }
            }

            var row = new TableEntity(instance.InstanceId, InstanceRowKey)
                .Set("Name", instance.Name)
                .Set("X", instance.ExecutionId)
                .Set("S", (int)OrchestrationRuntimeStatus.Pending)
                .Set("C", now)
                .Set("U", now)
                .Set("H", 0);
            await _codec.SetAsync(row, "In", instance.Input, cancellationToken);
            if (instance.Parent is not null)
            {
                row.Set("P", JsonSerializer.Serialize(instance.Parent));
            }

            var batch = new TableBatch();
            if (existing is null)
            {
                batch.Insert(row);
            }
            else
            {
                // Replacing a finished instance: its waiting messages go; its old history is deleted afterwards.
                var old = await _instances.QueryAsync($"PartitionKey eq '{Escape(instance.InstanceId)}' and RowKey ge 'm|' and RowKey lt 'm}}'", cancellationToken);
                var spare = TableBatch.MaxOperations - 3 - instance.InitialEvents.Count - instance.Payloads.Count;
                await DeleteRowsAsync(instance.InstanceId, old.Skip(Math.Max(0, spare)).Select(r => r.RowKey), cancellationToken);
                foreach (var message in old.Take(Math.Max(0, spare)))
                {
                    batch.Delete(instance.InstanceId, message.RowKey);
                }

                batch.Replace(row, existing.ETag!);
                batch.Upsert(await OutboxRowAsync(
                    instance.InstanceId,
                    $"o|{instance.ExecutionId}|replace",
                    [new OutboxItem { Kind = OutboxKind.DeleteExecution, InstanceId = instance.InstanceId, ExecutionId = existing.GetString("X") }],
                    cancellationToken));
            }

            batch.Upsert(await MessageRowAsync(instance.InstanceId, $"m|s|{instance.ExecutionId}", HistoryEvent.ExecutionStarted(now, instance.Name, instance.Input, instance.ExecutionId, instance.Parent), instance.ExecutionId, NextOrder(), null, cancellationToken));
            foreach (var initial in instance.InitialEvents)
            {
                batch.Upsert(await MessageRowAsync(instance.InstanceId, "m|" + Guid.NewGuid().ToString("N"), initial, instance.ExecutionId, NextOrder(), null, cancellationToken));
            }

            foreach (var payload in instance.Payloads)
            {
                batch.Upsert(new TableEntity(instance.InstanceId, "p|" + PayloadKey(payload.Key)));
            }

            try
            {
                await _instances.ExecuteBatchAsync(batch, cancellationToken);
                if (existing is not null)
                {
                    await CarryOutAsync(instance.InstanceId, $"o|{instance.ExecutionId}|replace", cancellationToken);
                }

                return CreateInstanceResult.Success;
            }
            catch (StorageRequestException ex) when ((ex.IsConflict || ex.IsPreconditionFailed || ex.IsNotFound) && attempt < 20)
            {
                // Someone else created or changed it first: read again and decide.
            }
        }
    }

    public async Task<SendEventResult> SendMessageAsync(string instanceId, HistoryEvent message, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(payloads);
        var instance = await _instances.GetAsync(instanceId, InstanceRowKey, cancellationToken);
        if (instance is null)
        {
            return SendEventResult.NotFound;
        }

        if (((OrchestrationRuntimeStatus)(instance.GetInt32("S") ?? 0)).IsTerminal())
        {
            return SendEventResult.Finished;
        }

        await PutPayloadsAsync(instanceId, payloads, cancellationToken);
        var batch = new TableBatch();
        batch.Upsert(await MessageRowAsync(instanceId, "m|" + Guid.NewGuid().ToString("N"), message, null, NextOrder(), null, cancellationToken));
        foreach (var payload in payloads)
        {
            batch.Upsert(new TableEntity(instanceId, "p|" + PayloadKey(payload.Key)));
        }

        await _instances.ExecuteBatchAsync(batch, cancellationToken);
        await WakeAsync(instanceId, TimeSpan.Zero, cancellationToken);
        return SendEventResult.Accepted;
    }

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var state = (LockState)workItem.StoreHandle!;
        var instanceId = workItem.InstanceId;
        _unstarted.TryRemove(instanceId, out _);
        var executionId = state.Instance.GetString("X")!;
        if (!string.Equals(checkpoint.Instance.ExecutionId, executionId, StringComparison.Ordinal))
        {
            // Replaced while this episode ran: its messages are stale.
            await DeleteRowsAsync(instanceId, checkpoint.ConsumedMessages.Select(m => m.StoreHandle).OfType<string>(), cancellationToken);
            ForgetRun(instanceId, state.Run);
            await FinishAsync(instanceId, state.Hints);
            return;
        }

        var now = DateTime.UtcNow;
        var instance = checkpoint.Instance;
        var historyLength = checkpoint.PreviousHistoryLength + checkpoint.NewHistory.Count;
        var chunkKey = string.Create(CultureInfo.InvariantCulture, $"h|{executionId}|{checkpoint.PreviousHistoryLength:D8}");
        var outboxKey = string.Create(CultureInfo.InvariantCulture, $"o|{executionId}|{checkpoint.PreviousHistoryLength:D8}");
        var items = Outbox(instanceId, executionId, checkpoint, now);

        var row = new TableEntity(instanceId, InstanceRowKey)
            .Set("Name", state.Instance.GetString("Name"))
            .Set("X", executionId)
            .Set("S", (int)instance.Status)
            .Set("C", state.Instance.GetDateTime("C"))
            .Set("U", now)
            .Set("H", historyLength);
        PayloadCodec.CopyRaw(state.Instance, row, "In");
        row.Set("P", state.Instance.GetString("P"));
        row.Set("D", instance.Status.IsTerminal() ? state.Instance.GetDateTime("D") ?? now : null);
        await _codec.SetAsync(row, "Out", instance.Output, cancellationToken);
        await _codec.SetAsync(row, "Cs", instance.CustomStatus, cancellationToken);
        await _codec.SetAsync(row, "F", instance.Failure is null ? null : JsonSerializer.Serialize(instance.Failure), cancellationToken);
        if (checkpoint.ContinueAsNew is { } next)
        {
            row = new TableEntity(instanceId, InstanceRowKey)
                .Set("Name", next.Name)
                .Set("X", next.ExecutionId)
                .Set("S", (int)OrchestrationRuntimeStatus.Running)
                .Set("C", state.Instance.GetDateTime("C"))
                .Set("U", now)
                .Set("H", 0)
                .Set("P", next.Parent is null ? null : JsonSerializer.Serialize(next.Parent));
            await _codec.SetAsync(row, "In", next.Input, cancellationToken);
            await _codec.SetAsync(row, "Cs", instance.CustomStatus, cancellationToken);
        }

        var batch = new TableBatch();
        if (checkpoint.NewHistory.Count > 0)
        {
            var chunk = new TableEntity(instanceId, chunkKey).Set("N", checkpoint.NewHistory.Count);
            await _codec.SetAsync(chunk, "E", SerializeEvents(checkpoint.NewHistory), cancellationToken);
            batch.Insert(chunk);
        }

        var statusIndex = batch.Count;
        batch.Replace(row, state.Instance.ETag!);
        foreach (var consumed in checkpoint.ConsumedMessages)
        {
            if (consumed.StoreHandle is string rowKey)
            {
                batch.Delete(instanceId, rowKey);
            }
        }

        if (items.Count > 0)
        {
            batch.Insert(await OutboxRowAsync(instanceId, outboxKey, items, cancellationToken));
        }

        // Outbox rows this host carried out go in this batch once no local activity of theirs waits for its result
        // (the ones this episode consumed are committed by this very batch); all of them when the execution ends.
        var ends = instance.Status.IsTerminal() || checkpoint.ContinueAsNew is not null;
        var committedResults = checkpoint.ConsumedMessages.Select(m => m.StoreHandle).OfType<LocalResult>().ToList();
        var doneOutboxes = new List<string>();
        lock (_gate)
        {
            foreach (var (key, waiting) in state.Run?.Outboxes ?? [])
            {
                // A batch holds at most 100 operations: any beyond that go with a later checkpoint.
                if (key != outboxKey && (ends || waiting.All(id => committedResults.Contains(new LocalResult(key, id)))) && batch.Count + doneOutboxes.Count < TableBatch.MaxOperations)
                {
                    doneOutboxes.Add(key);
                }
            }
        }

        foreach (var key in doneOutboxes)
        {
            batch.Delete(instanceId, key);
        }

        var etags = await _instances.ExecuteBatchAsync(batch, cancellationToken);
        row.ETag = etags[statusIndex];
        var runLocally = CanRunLocally(instanceId, state, ends);
        IReadOnlyList<HistoryEvent> local = runLocally ? checkpoint.NewActivities : [];
        LocalRun? run = null;
        lock (_gate)
        {
            if (ends)
            {
                ForgetRunLocked(instanceId, state.Run);
            }
            else
            {
                run = RunOf(instanceId, executionId);
                foreach (var key in doneOutboxes)
                {
                    run.Outboxes.Remove(key);
                }

                foreach (var result in committedResults)
                {
                    if (run.Outboxes.TryGetValue(result.OutboxKey, out var waiting))
                    {
                        waiting.Remove(result.EventId);
                    }
                }

                if (items.Count > 0)
                {
                    // Carried out below; a later checkpoint's batch deletes the row (one storage call fewer per episode).
                    run.Outboxes[outboxKey] = [.. local.Select(scheduled => scheduled.EventId)];
                }

                run.Status = row;
            }
        }

        if (items.Count > 0)
        {
            try
            {
                await Task.WhenAll(items.Where(i => !runLocally || i.Kind != OutboxKind.Activity).Select(item => CarryOutAsync(instanceId, item, cancellationToken)));
            }
            catch
            {
                // Not all of it went out: the next episode reads the row and carries it out whole (activities through the queue).
                lock (_gate)
                {
                    run?.Outboxes.Remove(outboxKey);
                }

                throw;
            }

            foreach (var scheduled in local)
            {
                EnqueueLocalActivity(instanceId, executionId, run!, outboxKey, scheduled, dequeueCount: 1);
            }

            if (ends)
            {
                await _instances.DeleteAsync(instanceId, outboxKey, "*", cancellationToken);
            }
        }

        if (!ends)
        {
            var consumed = checkpoint.ConsumedMessages.ToHashSet();
            await StoreUnconsumedResultsAsync(instanceId, executionId, run, workItem.Messages.Where(m => m.StoreHandle is LocalResult && !consumed.Contains(m)), cancellationToken);
        }

        SignalChange(instanceId);
        await FinishAsync(instanceId, state.Hints);
    }

    /// <summary>Drops what this host kept for an execution that ended or was replaced.</summary>
    private void ForgetRun(string instanceId, LocalRun? run)
    {
        lock (_gate)
        {
            ForgetRunLocked(instanceId, run);
        }
    }

    private void ForgetRunLocked(string instanceId, LocalRun? run)
    {
        if (_runs.TryGetValue(instanceId, out var current) && (run is null || current == run))
        {
            _runs.Remove(instanceId);
        }
    }

    /// <summary>Turns what an episode sends out into outbox items with their row keys and order fixed now.</summary>
    private List<OutboxItem> Outbox(string instanceId, string executionId, OrchestrationCheckpoint checkpoint, DateTime now)
    {
        var items = new List<OutboxItem>();
        foreach (var scheduled in checkpoint.NewActivities)
        {
            items.Add(new OutboxItem { Kind = OutboxKind.Activity, InstanceId = instanceId, ExecutionId = executionId, Event = DurableJson.SerializeEvent(scheduled) });
        }

        foreach (var timer in checkpoint.NewTimers)
        {
            items.Add(new OutboxItem
            {
                Kind = OutboxKind.Message,
                InstanceId = instanceId,
                RowKey = string.Create(CultureInfo.InvariantCulture, $"m|t|{executionId}|{timer.EventId}"),
                ExecutionId = executionId,
                Event = DurableJson.SerializeEvent(timer),
                Order = NextOrder(),
                VisibleAt = timer.FireAt,
            });
        }

        foreach (var child in checkpoint.NewInstances)
        {
            items.Add(new OutboxItem
            {
                Kind = OutboxKind.CreateChild,
                InstanceId = child.InstanceId,
                Child = new ChildInstance(child.InstanceId, child.Name, child.ExecutionId, child.Input, child.Parent),
            });
        }

        foreach (var outbound in checkpoint.OutboundMessages)
        {
            items.Add(new OutboxItem
            {
                Kind = OutboxKind.Message,
                InstanceId = outbound.InstanceId,
                RowKey = "m|" + Guid.NewGuid().ToString("N"),
                Event = DurableJson.SerializeEvent(outbound.Event),
                Order = NextOrder(),
            });
        }

        if (checkpoint.ContinueAsNew is { } next)
        {
            items.Add(new OutboxItem
            {
                Kind = OutboxKind.Message,
                InstanceId = instanceId,
                RowKey = $"m|s|{next.ExecutionId}",
                ExecutionId = next.ExecutionId,
                Order = NextOrder(),
                Event = DurableJson.SerializeEvent(HistoryEvent.ExecutionStarted(now, next.Name, next.Input, next.ExecutionId, next.Parent)),
            });
            foreach (var carried in next.InitialEvents)
            {
                items.Add(new OutboxItem
                {
                    Kind = OutboxKind.Message,
                    InstanceId = instanceId,
                    RowKey = "m|" + Guid.NewGuid().ToString("N"),
                    ExecutionId = next.ExecutionId,
                    Order = NextOrder(),
                    Event = DurableJson.SerializeEvent(carried),
                });
            }

            items.Add(new OutboxItem { Kind = OutboxKind.DeleteExecution, InstanceId = instanceId, ExecutionId = executionId });
        }

        return items;
    }

    private async Task<TableEntity> OutboxRowAsync(string instanceId, string rowKey, IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, rowKey);
        await _codec.SetAsync(row, "E", JsonSerializer.Serialize(items), cancellationToken);
        return row;
    }

    private async Task<TableEntity> MessageRowAsync(string instanceId, string rowKey, HistoryEvent message, string? executionId, long order, DateTime? visibleAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, rowKey).Set("X", executionId).Set("T", order).Set("C", 1).Set("V", visibleAt).Set("K", (int)message.Type);
        await _codec.SetAsync(row, "E", DurableJson.SerializeEvent(message), cancellationToken);
        return row;
    }

    private async Task CarryOutAsync(string instanceId, string outboxKey, CancellationToken cancellationToken)
    {
        var row = await _instances.GetAsync(instanceId, outboxKey, cancellationToken);
        if (row is not null)
        {
            await CarryOutAsync(instanceId, row, cancellationToken);
        }
    }

    private async Task CarryOutAsync(string instanceId, TableEntity outboxRow, CancellationToken cancellationToken)
    {
        var items = JsonSerializer.Deserialize<List<OutboxItem>>((await _codec.GetAsync(outboxRow, "E", cancellationToken))!)!;
        await CarryOutAsync(instanceId, items, outboxRow.RowKey, cancellationToken);
    }

    /// <summary>Carries out a committed outbox (every item idempotent), then deletes its row.</summary>
    private async Task CarryOutAsync(string instanceId, IReadOnlyList<OutboxItem> items, string outboxKey, CancellationToken cancellationToken)
    {
        await Task.WhenAll(items.Select(item => CarryOutAsync(instanceId, item, cancellationToken)));
        await _instances.DeleteAsync(instanceId, outboxKey, "*", cancellationToken);
    }

    private async Task CarryOutAsync(string sourceInstanceId, OutboxItem item, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case OutboxKind.Activity:
                var eventJson = item.Event!;
                var inline = Encoding.UTF8.GetByteCount(eventJson) <= 40_000;
                var body = new ActivityMessage(
                    item.InstanceId,
                    item.ExecutionId!,
                    inline ? eventJson : null,
                    inline ? null : await _codec.PutLargeAsync(PayloadCodec.Compress(Encoding.UTF8.GetBytes(eventJson)), PayloadCodec.InstanceOwner(item.InstanceId), cancellationToken));
                await _workItems.PutAsync(JsonSerializer.Serialize(body), TimeSpan.Zero, cancellationToken);
                break;
            case OutboxKind.Message:
                var message = DurableJson.DeserializeEvent(item.Event!);
                await _instances.UpsertAsync(await MessageRowAsync(item.InstanceId, item.RowKey!, message, item.ExecutionId, item.Order, item.VisibleAt, cancellationToken), cancellationToken);
                var delay = item.VisibleAt is { } at && at > DateTime.UtcNow ? at - DateTime.UtcNow : TimeSpan.Zero;
                await WakeAsync(item.InstanceId, delay, cancellationToken);
                break;
            case OutboxKind.CreateChild:
                var child = item.Child!;
                var created = await CreateAsync(new NewInstance
                {
                    InstanceId = child.InstanceId,
                    Name = child.Name,
                    ExecutionId = child.ExecutionId,
                    Input = child.Input,
                    Parent = child.Parent,
                    DedupeStatuses = DedupePolicy.NonRunningStates,
                }, recognise: true, cancellationToken);
                if (created.Created)
                {
                    await WakeAsync(child.InstanceId, TimeSpan.Zero, cancellationToken);
                }
                else if (child.Parent is { } parent)
                {
                    var failed = new HistoryEvent
                    {
                        Type = HistoryEventType.SubOrchestrationInstanceFailed,
                        Timestamp = DateTime.UtcNow,
                        EventId = parent.TaskScheduledId,
                        Failure = new TaskFailureDetails(
                            typeof(OrchestrationAlreadyExistsException).FullName!,
                            $"Sub-orchestration instance '{child.InstanceId}' already exists with status {created.ExistingStatus}."),
                    };
                    await _instances.UpsertAsync(await MessageRowAsync(sourceInstanceId, $"m|cf|{child.ExecutionId}", failed, null, NextOrder(), null, cancellationToken), cancellationToken);
                    await WakeAsync(sourceInstanceId, TimeSpan.Zero, cancellationToken);
                }

                break;
            case OutboxKind.DeleteExecution:
                var chunks = await _instances.QueryAsync(
                    $"PartitionKey eq '{Escape(item.InstanceId)}' and RowKey ge 'h|{item.ExecutionId}|' and RowKey lt 'h|{item.ExecutionId}}}'",
                    cancellationToken);
                await DeleteRowsAsync(item.InstanceId, chunks.Select(c => c.RowKey), cancellationToken);
                break;
        }
    }

    public Task RecordDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var row = new TableEntity("deadletter", $"{deadLetter.DeadLetteredAt.Ticks:D19}-{Guid.NewGuid():N}")
            .Set("Kind", deadLetter.Kind)
            .Set("InstanceId", deadLetter.InstanceId)
            .Set("Name", deadLetter.Name)
            .Set("DequeueCount", deadLetter.DequeueCount)
            .Set("Reason", deadLetter.Reason)
            .Set("At", deadLetter.DeadLetteredAt);
        return _deadLetters.InsertAsync(row, cancellationToken);
    }

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await _instances.QueryAsync($"PartitionKey eq '{Escape(instanceId)}'", cancellationToken);
        var instance = rows.FirstOrDefault(r => r.RowKey == InstanceRowKey);
        if (instance is null || !((OrchestrationRuntimeStatus)(instance.GetInt32("S") ?? 0)).IsTerminal())
        {
            return false;
        }

        // Everything else first, the status row last (under its ETag): a purge cut short can simply be repeated.
        foreach (var payload in rows.Where(r => r.RowKey.StartsWith("p|", StringComparison.Ordinal)))
        {
            await DeletePayloadRowAsync(payload.RowKey[2..], cancellationToken);
        }

        await DeleteRowsAsync(instanceId, rows.Where(r => r.RowKey != InstanceRowKey).Select(r => r.RowKey), cancellationToken);
        try
        {
            await _instances.DeleteAsync(instanceId, InstanceRowKey, instance.ETag!, cancellationToken);
        }
        catch (StorageRequestException ex) when (ex.IsPreconditionFailed)
        {
            return false;
        }

        // Nothing points at the instance's out-of-line values any more: its own, and those of rows consumed earlier.
        await _codec.DeleteOwnedAsync(PayloadCodec.InstanceOwner(instanceId), cancellationToken);

        SignalChange(instanceId);
        return true;
    }

    public async Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses is { Count: > 0 } requested ? requested : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal())
            .ToList();
        if (statuses.Count == 0)
        {
            return 0;
        }

        var query = new InstanceQuery { Statuses = statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo };
        var rows = await _instances.QueryAsync(InstanceFilter(query), cancellationToken);
        var purged = 0;
        foreach (var row in rows)
        {
            if (await PurgeInstanceAsync(row.PartitionKey, cancellationToken))
            {
                purged++;
            }
        }

        return purged;
    }

    public async Task PutPayloadAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await _payloads.UpsertAsync(await PayloadRowAsync(payload, cancellationToken), cancellationToken);
    }

    public async Task<bool> TryAddPayloadAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            await _payloads.InsertAsync(await PayloadRowAsync(payload, cancellationToken), cancellationToken);
            return true;
        }
        catch (StorageRequestException ex) when (ex.IsConflict)
        {
            return false;
        }
    }

    public async Task DeletePayloadAsync(string key, CancellationToken cancellationToken) =>
        await DeletePayloadRowAsync(PayloadKey(key), cancellationToken);

    /// <summary>Deletes a payload row, and then the out-of-line chunks of a payload too large to sit in it.</summary>
    private async Task DeletePayloadRowAsync(string partitionKey, CancellationToken cancellationToken)
    {
        await _payloads.DeleteAsync(partitionKey, "", "*", cancellationToken);
        await _codec.DeleteOwnedAsync(PayloadCodec.PayloadOwner(partitionKey), cancellationToken);
    }

    /// <summary>
    /// Payloads committed with a start or an event go to the payload table first (another table: no batch spans
    /// both) naming their instance; they count as stored only once the instance's own batch committed their
    /// <c>p|</c> row, so a host that dies between the two leaves nothing a reader can see.
    /// </summary>
    private async Task PutPayloadsAsync(string instanceId, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken)
    {
        foreach (var payload in payloads)
        {
            await _payloads.UpsertAsync((await PayloadRowAsync(payload, cancellationToken)).Set("O", instanceId), cancellationToken);
        }
    }

    private async Task<TableEntity> PayloadRowAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PayloadKey(payload.Key), "");
        var data = payload.Data.ToArray();
        if (data.Length <= 60_000)
        {
            row.Set("B", data);
        }
        else
        {
            row.Set("L", await _codec.PutLargeAsync(PayloadCodec.Compress(data), PayloadCodec.PayloadOwner(row.PartitionKey), cancellationToken));
        }

        return row;
    }

    /// <summary>Payload keys are the caller's; as partition keys they are hex of their UTF-8 (keys may hold any character).</summary>
    private static string PayloadKey(string key) => Convert.ToHexString(Encoding.UTF8.GetBytes(key));

    private static string SerializeEvents(IReadOnlyList<HistoryEvent> events)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(DurableJson.SerializeEvent(events[i]));
        }

        return builder.Append(']').ToString();
    }
}
