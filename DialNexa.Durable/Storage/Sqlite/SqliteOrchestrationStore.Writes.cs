using System.Text.Json;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.Sqlite;

public sealed partial class SqliteOrchestrationStore
{
    public Task<CreateInstanceResult> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Writer.WriteUrgentAsync(batch => CreateInstance(batch, instance, DateTime.UtcNow), cancellationToken);
    }

    public Task<SendEventResult> SendMessageAsync(string instanceId, HistoryEvent message, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(payloads);
        return Writer.WriteUrgentAsync(
            batch =>
            {
                var status = ReadStatus(batch, instanceId);
                if (status is null)
                {
                    return SendEventResult.NotFound;
                }

                if (status.Value.IsTerminal())
                {
                    return SendEventResult.Finished;
                }

                InsertMessage(batch, instanceId, message);
                foreach (var payload in payloads)
                {
                    InsertPayload(batch, payload, instanceId);
                }

                return SendEventResult.Accepted;
            },
            cancellationToken);
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);

        // Serialize on the caller's thread: the single writer's time is the store's throughput.
        foreach (var historyEvent in checkpoint.NewHistory)
        {
            _eventJson.GetValue(historyEvent, SerializeEvent);
        }

        return Writer.WriteAsync(batch => Checkpoint(batch, workItem, checkpoint), cancellationToken);
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var counted = workItem.Messages.Select(m => m with { DequeueCount = m.DequeueCount + 1 }).ToList();
        return Writer.WriteAsync(
            batch =>
            {
                foreach (var message in counted)
                {
                    batch.Execute("UPDATE messages SET dequeue_count = $c WHERE id = $id", ("$c", message.DequeueCount), ("$id", message.StoreHandle));
                }

                batch.AfterCommit(() => Release(workItem.InstanceId, workItem.Messages, counted, delay));
            },
            cancellationToken);
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        _eventJson.GetValue(result, SerializeEvent);
        return Writer.WriteAsync(
            batch =>
            {
                batch.Execute("DELETE FROM activities WHERE id = $id", ("$id", workItem.StoreHandle));
                var current = batch.Scalar(
                    "SELECT status FROM instances WHERE instance_id = $i AND execution_id = $e",
                    ("$i", workItem.InstanceId),
                    ("$e", workItem.ExecutionId));
                if (current is long status && !((OrchestrationRuntimeStatus)status).IsTerminal())
                {
                    InsertMessage(batch, workItem.InstanceId, result);
                }
            },
            cancellationToken);
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var counted = workItem with { DequeueCount = workItem.DequeueCount + 1 };
        return Writer.WriteAsync(
            batch =>
            {
                batch.Execute("UPDATE activities SET dequeue_count = $c WHERE id = $id", ("$c", counted.DequeueCount), ("$id", workItem.StoreHandle));
                batch.AfterCommit(() => _ = RequeueActivityLaterAsync(counted, delay));
            },
            cancellationToken);
    }

    public Task RecordDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return Writer.WriteAsync(
            batch => batch.Execute(
                "INSERT INTO dead_letters (kind, instance_id, name, dequeue_count, reason, dead_lettered_at) VALUES ($k, $i, $n, $c, $r, $t)",
                ("$k", deadLetter.Kind),
                ("$i", deadLetter.InstanceId),
                ("$n", deadLetter.Name),
                ("$c", deadLetter.DequeueCount),
                ("$r", deadLetter.Reason),
                ("$t", Ticks(deadLetter.DeadLetteredAt))),
            cancellationToken);
    }

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        Writer.WriteAsync(
            batch =>
            {
                var status = ReadStatus(batch, instanceId);
                if (status is null || !status.Value.IsTerminal())
                {
                    return false;
                }

                DeleteInstance(batch, instanceId);
                return true;
            },
            cancellationToken);

    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses is { Count: > 0 } requested ? requested : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal())
            .Select(s => (int)s)
            .ToList();
        if (statuses.Count == 0)
        {
            return Task.FromResult(0);
        }

        return Writer.WriteAsync(
            batch =>
            {
                var ids = new List<string>();
                var sql = $"SELECT instance_id FROM instances WHERE status IN ({string.Join(',', statuses)}) AND created_at >= $from AND created_at <= $to";
                using (var reader = batch.Command(sql, ("$from", Ticks(filter.CreatedFrom ?? DateTime.MinValue)), ("$to", Ticks(filter.CreatedTo ?? DateTime.MaxValue))).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    DeleteInstance(batch, id);
                }

                return ids.Count;
            },
            cancellationToken);
    }

    public Task PutPayloadAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Writer.WriteAsync(batch => InsertPayload(batch, payload, null), cancellationToken);
    }

    public Task<bool> TryAddPayloadAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Writer.WriteAsync(
            batch => batch.Execute("INSERT OR IGNORE INTO payloads (key, instance_id, data) VALUES ($k, NULL, $d)", ("$k", payload.Key), ("$d", payload.Data.ToArray())) > 0,
            cancellationToken);
    }

    public Task DeletePayloadAsync(string key, CancellationToken cancellationToken) =>
        Writer.WriteAsync(batch => batch.Execute("DELETE FROM payloads WHERE key = $k", ("$k", key)), cancellationToken);

    private CreateInstanceResult CreateInstance(SqliteWriteBatch batch, NewInstance instance, DateTime now)
    {
        var existing = ReadStatus(batch, instance.InstanceId);
        if (existing is { } status)
        {
            if (instance.DedupeStatuses.Contains(status))
            {
                return CreateInstanceResult.Exists(status);
            }

            // Replacing: the old execution's history, messages and work go; stale results are dropped by execution ID.
            batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instance.InstanceId));
            batch.Execute("DELETE FROM messages WHERE instance_id = $i", ("$i", instance.InstanceId));
            batch.AfterCommit(() => ForgetQueuedMessages(instance.InstanceId));
        }

        batch.Execute(
            """
            INSERT OR REPLACE INTO instances (instance_id, name, execution_id, status, input, parent, created_at, updated_at, history_length)
            VALUES ($i, $n, $e, $s, $in, $p, $t, $t, 0)
            """,
            ("$i", instance.InstanceId),
            ("$n", instance.Name),
            ("$e", instance.ExecutionId),
            ("$s", (int)OrchestrationRuntimeStatus.Pending),
            ("$in", instance.Input),
            ("$p", instance.Parent is null ? null : JsonSerializer.Serialize(instance.Parent)),
            ("$t", Ticks(now)));
        InsertMessage(batch, instance.InstanceId, HistoryEvent.ExecutionStarted(now, instance.Name, instance.Input, instance.ExecutionId, instance.Parent));
        foreach (var initial in instance.InitialEvents)
        {
            InsertMessage(batch, instance.InstanceId, initial);
        }

        foreach (var payload in instance.Payloads)
        {
            InsertPayload(batch, payload, instance.InstanceId);
        }

        batch.AfterCommit(() => SignalChange(instance.InstanceId));
        return CreateInstanceResult.Success;
    }

    private bool Checkpoint(SqliteWriteBatch batch, OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint)
    {
        var instance = checkpoint.Instance;
        var current = batch.Scalar("SELECT execution_id FROM instances WHERE instance_id = $i", ("$i", instance.InstanceId)) as string;
        var now = DateTime.UtcNow;
        if (current is null || !string.Equals(current, instance.ExecutionId, StringComparison.Ordinal))
        {
            // The instance was purged or replaced while this episode ran: its messages are stale.
            foreach (var message in checkpoint.ConsumedMessages)
            {
                batch.Execute("DELETE FROM messages WHERE id = $id", ("$id", message.StoreHandle));
            }

            batch.AfterCommit(() => Release(workItem.InstanceId, checkpoint.ConsumedMessages, [], TimeSpan.Zero));
            return false;
        }

        // One row per episode: its new events as a JSON array, keyed by the position of the first (the writer's
        // statements are the store's throughput; rows written before this held one event each, and still read).
        var sequence = checkpoint.PreviousHistoryLength + checkpoint.NewHistory.Count;
        if (checkpoint.NewHistory.Count > 0)
        {
            batch.Execute(
                "INSERT INTO history (instance_id, seq, event) VALUES ($i, $s, $e)",
                ("$i", instance.InstanceId),
                ("$s", checkpoint.PreviousHistoryLength),
                ("$e", HistoryChunk(checkpoint.NewHistory)));
        }

        batch.Execute(
            """
            UPDATE instances SET status = $s, output = $o, custom_status = $c, failure = $f, updated_at = $t,
                completed_at = COALESCE(completed_at, $done), history_length = $h
            WHERE instance_id = $i
            """,
            ("$i", instance.InstanceId),
            ("$s", (int)instance.Status),
            ("$o", instance.Output),
            ("$c", instance.CustomStatus),
            ("$f", instance.Failure is null ? null : JsonSerializer.Serialize(instance.Failure)),
            ("$t", Ticks(now)),
            ("$done", instance.Status.IsTerminal() ? Ticks(now) : null),
            ("$h", sequence));

        foreach (var message in checkpoint.ConsumedMessages)
        {
            batch.Execute("DELETE FROM messages WHERE id = $id", ("$id", message.StoreHandle));
        }

        foreach (var scheduled in checkpoint.NewActivities)
        {
            InsertActivity(batch, instance.InstanceId, instance.ExecutionId, scheduled);
        }

        foreach (var timer in checkpoint.NewTimers)
        {
            InsertMessage(batch, instance.InstanceId, timer);
        }

        foreach (var child in checkpoint.NewInstances)
        {
            var created = CreateInstance(batch, child, now);
            if (!created.Created && child.Parent is { } parent)
            {
                InsertMessage(batch, instance.InstanceId, new HistoryEvent
                {
                    Type = HistoryEventType.SubOrchestrationInstanceFailed,
                    Timestamp = now,
                    EventId = parent.TaskScheduledId,
                    Failure = new TaskFailureDetails(
                        typeof(OrchestrationAlreadyExistsException).FullName!,
                        $"Sub-orchestration instance '{child.InstanceId}' already exists with status {created.ExistingStatus}."),
                });
            }
        }

        foreach (var outbound in checkpoint.OutboundMessages)
        {
            var status = ReadStatus(batch, outbound.InstanceId);
            if (status is { } targetStatus && !targetStatus.IsTerminal())
            {
                InsertMessage(batch, outbound.InstanceId, outbound.Event);
            }
        }

        if (checkpoint.ContinueAsNew is { } next)
        {
            batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instance.InstanceId));
            batch.Execute(
                "UPDATE instances SET execution_id = $e, input = $in, status = $s, output = NULL, history_length = 0, completed_at = NULL WHERE instance_id = $i",
                ("$i", instance.InstanceId),
                ("$e", next.ExecutionId),
                ("$in", next.Input),
                ("$s", (int)OrchestrationRuntimeStatus.Running));
            InsertMessage(batch, instance.InstanceId, HistoryEvent.ExecutionStarted(now, next.Name, next.Input, next.ExecutionId, next.Parent));
            foreach (var carried in next.InitialEvents)
            {
                InsertMessage(batch, instance.InstanceId, carried);
            }
        }

        batch.AfterCommit(() =>
        {
            Release(workItem.InstanceId, checkpoint.ConsumedMessages, [], TimeSpan.Zero);
            SignalChange(instance.InstanceId);
        });
        return true;
    }

    private void InsertMessage(SqliteWriteBatch batch, string instanceId, HistoryEvent historyEvent)
    {
        var id = ++_nextMessageId;
        batch.Execute(
            "INSERT INTO messages (id, instance_id, visible_at, dequeue_count, event) VALUES ($id, $i, $v, 1, $e)",
            ("$id", id),
            ("$i", instanceId),
            ("$v", Ticks(historyEvent.Type == HistoryEventType.TimerFired && historyEvent.FireAt is { } at ? at : historyEvent.Timestamp)),
            ("$e", MessageJson(historyEvent)));
        var message = new OrchestrationMessage(instanceId, historyEvent) { StoreHandle = id, DequeueCount = 1 };
        batch.AfterCommit(() => Publish(message));
    }

    private void InsertActivity(SqliteWriteBatch batch, string instanceId, string executionId, HistoryEvent scheduled)
    {
        var id = ++_nextActivityId;
        batch.Execute(
            "INSERT INTO activities (id, instance_id, execution_id, dequeue_count, event) VALUES ($id, $i, $x, 1, $e)",
            ("$id", id),
            ("$i", instanceId),
            ("$x", executionId),
            ("$e", ActivityJson(scheduled)));
        var workItem = new ActivityWorkItem(instanceId, executionId, scheduled) { StoreHandle = id, DequeueCount = 1 };
        batch.AfterCommit(() => _activities.Writer.TryWrite(workItem));
    }

    /// <summary>A message's event as JSON, kept until the event is written again as history.</summary>
    private byte[] MessageJson(HistoryEvent historyEvent) => _eventJson.GetValue(historyEvent, SerializeEvent);

    /// <summary>
    /// A history event as JSON, serialized once: before the write was queued, or when it was queued as a message. A
    /// scheduled activity is written twice in the same checkpoint (history, then work item), so it stays for the second.
    /// </summary>
    private byte[] HistoryJson(HistoryEvent historyEvent)
    {
        var json = _eventJson.GetValue(historyEvent, SerializeEvent);
        if (historyEvent.Type != HistoryEventType.TaskScheduled)
        {
            _eventJson.Remove(historyEvent);
        }

        return json;
    }

    /// <summary>An episode's new events as one JSON array, from each event's JSON.</summary>
    private byte[] HistoryChunk(IReadOnlyList<HistoryEvent> events)
    {
        var parts = events.Select(HistoryJson).ToList();
        var chunk = new byte[parts.Sum(p => p.Length) + parts.Count + 1];
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            chunk[at] = i == 0 ? (byte)'[' : (byte)',';
            parts[i].CopyTo(chunk, at + 1);
            at += parts[i].Length + 1;
        }

        chunk[at] = (byte)']';
        return chunk;
    }

    private byte[] ActivityJson(HistoryEvent scheduled)
    {
        var json = _eventJson.GetValue(scheduled, SerializeEvent);
        _eventJson.Remove(scheduled);
        return json;
    }

    private static void InsertPayload(SqliteWriteBatch batch, StoredPayload payload, string? instanceId) =>
        batch.Execute(
            "INSERT OR REPLACE INTO payloads (key, instance_id, data) VALUES ($k, $i, $d)",
            ("$k", payload.Key),
            ("$i", instanceId),
            ("$d", payload.Data.ToArray()));

    private void DeleteInstance(SqliteWriteBatch batch, string instanceId)
    {
        batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instanceId));
        batch.Execute("DELETE FROM messages WHERE instance_id = $i", ("$i", instanceId));
        batch.Execute("DELETE FROM payloads WHERE instance_id = $i", ("$i", instanceId));
        batch.Execute("DELETE FROM instances WHERE instance_id = $i", ("$i", instanceId));
        batch.AfterCommit(() => ForgetQueuedMessages(instanceId));
    }

    private static OrchestrationRuntimeStatus? ReadStatus(SqliteWriteBatch batch, string instanceId) =>
        batch.Scalar("SELECT status FROM instances WHERE instance_id = $i", ("$i", instanceId)) is long status
            ? (OrchestrationRuntimeStatus)status
            : null;

    /// <summary>Unlocks an instance after an episode: drops what was consumed, requeues it if work remains or arrived.</summary>
    private void Release(string instanceId, IReadOnlyList<OrchestrationMessage> consumed, IReadOnlyList<OrchestrationMessage> replacements, TimeSpan delay)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(instanceId, out var queue))
            {
                return;
            }

            var handles = consumed.Select(m => m.StoreHandle).ToHashSet();
            queue.Messages.RemoveAll(m => handles.Contains(m.StoreHandle));
            queue.Messages.InsertRange(0, replacements);
            queue.Locked = false;
            var arrived = queue.ArrivedWhileLocked;
            queue.ArrivedWhileLocked = false;
            if (queue.Messages.Count == 0)
            {
                _queues.Remove(instanceId);
                return;
            }

            if (replacements.Count > 0 && delay > TimeSpan.Zero)
            {
                _ = RequeueLaterAsync(instanceId, delay);
            }
            else if (replacements.Count > 0 || arrived)
            {
                MakeReady(instanceId, queue);
            }

            // Otherwise the leftovers wait (a suspended instance): the next message to arrive wakes the instance.
        }
    }

    private async Task RequeueLaterAsync(string instanceId, TimeSpan delay)
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
            if (_queues.TryGetValue(instanceId, out var queue) && queue.Messages.Count > 0)
            {
                MakeReady(instanceId, queue);
            }
        }
    }

    private async Task RequeueActivityLaterAsync(ActivityWorkItem workItem, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _activities.Writer.TryWrite(workItem);
    }

    private void ForgetQueuedMessages(string instanceId)
    {
        lock (_gate)
        {
            if (_queues.TryGetValue(instanceId, out var queue) && !queue.Locked)
            {
                _queues.Remove(instanceId);
            }
        }
    }
}
