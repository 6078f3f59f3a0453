using DialNexa.DurableTask.Sqlite.Dispatch;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>
/// The writes, run on the single writer thread inside its open transaction. They change nothing in memory directly: what
/// they publish runs after the commit (<see cref="SqliteWriteBatch.AfterCommit"/>), so nothing is handed out before it is durable.
/// </summary>
public sealed partial class SqliteOrchestrationService
{
    private enum CreateOutcome
    {
        Created,
        Exists,
    }

    private void WriteCheckpoint(SqliteWriteBatch batch, OrchestrationCheckpoint checkpoint, List<QueuedMessage> endedTimers)
    {
        var now = DateTime.UtcNow;
        var instanceId = checkpoint.InstanceId;

        // An execution that ends schedules no timer that could matter: its fire would only be dropped.
        var terminal = checkpoint.State is { } final && IsTerminal(final.OrchestrationStatus);
        if (checkpoint.State is { } state && checkpoint.ExpectedExecutionId is not null && checkpoint.ExecutionId is not null)
        {
            int updated;
            if (checkpoint.RowUnchanged)
            {
                var read = batch.Statement("SELECT 1 FROM instances WHERE instance_id = ?1 AND execution_id = ?2").Bind(1, instanceId).Bind(2, checkpoint.ExpectedExecutionId);
                updated = read.Read() ? 1 : 0;
                read.Reset();
            }
            else
            {
                updated = batch.Statement(
                        """
                        UPDATE instances SET execution_id = ?3, status = ?4, output = ?5, custom_status = ?6, failure = ?7,
                            updated_at = ?8, completed_at = ?9
                        WHERE instance_id = ?1 AND execution_id = ?2
                        """)
                    .Bind(1, instanceId)
                    .Bind(2, checkpoint.ExpectedExecutionId)
                    .Bind(3, checkpoint.ExecutionId)
                    .Bind(4, (int)state.OrchestrationStatus)
                    .Bind(5, state.Output)
                    .Bind(6, state.Status)
                    .Bind(7, checkpoint.FailureJson)
                    .Bind(8, Ticks(now))
                    .Bind(9, terminal ? Ticks(now) : null)
                    .Execute();
            }

            if (updated == 0)
            {
                // The instance was replaced or purged while the episode ran: its outcome belongs to what is gone.
                DeleteMessages(batch, checkpoint.ConsumedMessageIds);
                return;
            }

            // Empty unless the checkpoint ends its execution (EndedTimers).
            WithdrawTimers(batch, endedTimers);

            if (checkpoint.ContinuedAsNew)
            {
                batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instanceId));
                batch.Execute(
                    "UPDATE instances SET input = $in, name = $n, version = $v, tags = $tags, generation = $g WHERE instance_id = $i",
                    ("$i", instanceId),
                    ("$in", state.Input),
                    ("$n", state.Name),
                    ("$v", state.Version),
                    ("$tags", checkpoint.TagsJson),
                    ("$g", state.Generation));
            }

            if (checkpoint.NewHistory is { } newHistory)
            {
                batch.Statement("INSERT INTO history (instance_id, seq, event_count, events) VALUES (?1, ?2, ?3, ?4)")
                    .Bind(1, instanceId)
                    .Bind(2, checkpoint.HistoryPosition)
                    .Bind(3, checkpoint.NewEventCount)
                    .Bind(4, newHistory)
                    .Execute();
            }

            var history = checkpoint.History;
            var historyLength = checkpoint.HistoryLength;
            var executionId = checkpoint.ExecutionId;
            var status = state.OrchestrationStatus;
            var customStatus = state.Status;
            batch.AfterCommit(() =>
            {
                lock (_gate)
                {
                    if (terminal)
                    {
                        _cache.Remove(instanceId);
                    }
                    else
                    {
                        _cache.Put(instanceId, new CachedInstance(executionId, history, historyLength, status, customStatus));
                    }
                }
            });
        }

        DeleteMessages(batch, checkpoint.ConsumedMessageIds);
        foreach (var (message, json) in checkpoint.Activities)
        {
            if (checkpoint.ExecutionId is null || string.Equals(message.OrchestrationInstance.ExecutionId, checkpoint.ExecutionId, StringComparison.Ordinal))
            {
                InsertActivity(batch, message, json);
            }
        }

        foreach (var (message, json, fireAt) in checkpoint.Timers)
        {
            if (!terminal && (checkpoint.ExecutionId is null || string.Equals(message.OrchestrationInstance.ExecutionId, checkpoint.ExecutionId, StringComparison.Ordinal)))
            {
                InsertMessage(batch, message, json, fireAt.ToUniversalTime(), 0);
            }
        }

        foreach (var (message, json) in checkpoint.Messages)
        {
            if (message.Event is ExecutionStartedEvent start)
            {
                StartSubOrchestration(batch, message, start, json, now);
            }
            else
            {
                InsertMessageIfAlive(batch, message, json);
            }
        }

        batch.AfterCommit(() => SignalChange(instanceId));
    }

    private void StartSubOrchestration(SqliteWriteBatch batch, TaskMessage message, ExecutionStartedEvent start, StoredValue json, DateTime now)
    {
        if (CreateInstance(batch, message, json, DefaultDedupeStatuses, now, out var existing) == CreateOutcome.Created || start.ParentInstance is not { } parent)
        {
            return;
        }

        var reason = $"A sub-orchestration with instance ID '{message.OrchestrationInstance.InstanceId}' already exists ({existing}).";
        var failed = new TaskMessage
        {
            OrchestrationInstance = parent.OrchestrationInstance,
            Event = new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, reason, null, new FailureDetails(nameof(global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException), reason, null, null, true)),
        };
        InsertMessageIfAlive(batch, failed, StoredFormat.WriteMessage(failed));
    }

    /// <summary>
    /// Creates an instance from its start message. An existing instance in one of <paramref name="dedupeStatuses"/> wins
    /// (<see cref="CreateOutcome.Exists"/>); any other is replaced: its history, messages and activities go.
    /// </summary>
    private CreateOutcome CreateInstance(SqliteWriteBatch batch, TaskMessage message, StoredValue json, OrchestrationStatus[] dedupeStatuses, DateTime now, out OrchestrationStatus existing)
    {
        var start = (ExecutionStartedEvent)message.Event;
        var instanceId = message.OrchestrationInstance.InstanceId;
        existing = default;
        var read = batch.Statement("SELECT status FROM instances WHERE instance_id = ?1").Bind(1, instanceId);
        long? found = null;
        if (read.Read())
        {
            found = read.GetInt64(0);
            read.Reset();
        }

        if (found is { } status)
        {
            existing = (OrchestrationStatus)status;
            if (dedupeStatuses.Contains(existing))
            {
                return CreateOutcome.Exists;
            }

            batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instanceId));
            batch.Execute("DELETE FROM messages WHERE instance_id = $i", ("$i", instanceId));
            batch.Execute("DELETE FROM activities WHERE instance_id = $i", ("$i", instanceId));
            batch.AfterCommit(() => ForgetInstance(instanceId));
        }

        var scheduled = start.ScheduledStartTime?.ToUniversalTime();
        batch.Statement(
                """
                INSERT OR REPLACE INTO instances (instance_id, execution_id, name, version, status, input, parent, tags, generation,
                    created_at, updated_at, scheduled_start)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)
                """)
            .Bind(1, instanceId)
            .Bind(2, start.OrchestrationInstance.ExecutionId)
            .Bind(3, start.Name)
            .Bind(4, start.Version)
            .Bind(5, (int)OrchestrationStatus.Pending)
            .Bind(6, start.Input)
            .Bind(7, start.ParentInstance is null ? null : StoredJson.Serialize(start.ParentInstance))
            .Bind(8, start.Tags is { Count: > 0 } tags ? StoredJson.Serialize(tags) : null)
            .Bind(9, start.Generation)
            .Bind(10, Ticks(now))
            .Bind(11, scheduled is { } at ? Ticks(at) : null)
            .Execute();
        InsertMessage(batch, message, json, scheduled is { } later && later > now ? later : now, 0);
        batch.AfterCommit(() => SignalChange(instanceId));
        return CreateOutcome.Created;
    }

    /// <summary>
    /// Writes a message for an instance that exists, has not ended and runs the execution the message names (when it
    /// names one); otherwise drops it, as DurableTask's providers do.
    /// </summary>
    private bool InsertMessageIfAlive(SqliteWriteBatch batch, TaskMessage message, StoredValue json)
    {
        var instanceId = message.OrchestrationInstance.InstanceId;
        bool terminatesPending;
        var read = batch.Statement("SELECT status, execution_id FROM instances WHERE instance_id = ?1").Bind(1, instanceId);
        try
        {
            string? reason = null;
            if (!read.Read())
            {
                reason = "the instance does not exist";
            }
            else if (IsTerminal((OrchestrationStatus)read.GetInt64(0)))
            {
                reason = "the instance has ended";
            }
            else if (!string.IsNullOrEmpty(message.OrchestrationInstance.ExecutionId) && !string.Equals(message.OrchestrationInstance.ExecutionId, read.GetString(1), StringComparison.Ordinal))
            {
                reason = "it was sent to another execution";
            }

            if (reason is not null)
            {
                var eventType = message.Event.EventType.ToString();
                batch.AfterCommit(() => Logs.MessageDropped(_logger, eventType, instanceId, reason));
                return false;
            }

            terminatesPending = (OrchestrationStatus)read.GetInt64(0) == OrchestrationStatus.Pending && message.Event is ExecutionTerminatedEvent;
        }
        finally
        {
            read.Reset();
        }

        if (terminatesPending)
        {
            // A terminate for an instance whose start is scheduled later: the start is due now, so the instance ends.
            // (A Pending instance has no timers yet: its only later message is that start.)
            batch.Execute("UPDATE messages SET visible_at = $now WHERE instance_id = $i AND visible_at > $now", ("$i", instanceId), ("$now", Ticks(DateTime.UtcNow)));
            batch.AfterCommit(() => DeliverDelayedStartNow(instanceId));
        }

        InsertMessage(batch, message, json, DateTime.UtcNow, 0);
        return true;
    }

    private void InsertMessage(SqliteWriteBatch batch, TaskMessage message, StoredValue json, DateTime visibleAt, int failedAttempts)
    {
        var id = ++_nextMessageId;
        batch.Statement("INSERT INTO messages (id, instance_id, visible_at, dequeue_count, message) VALUES (?1, ?2, ?3, ?4, ?5)")
            .Bind(1, id)
            .Bind(2, message.OrchestrationInstance.InstanceId)
            .Bind(3, Ticks(visibleAt))
            .Bind(4, failedAttempts)
            .Bind(5, json)
            .Execute();
        var queued = new QueuedMessage(id, message, visibleAt, failedAttempts);
        batch.AfterCommit(() => Publish(queued));
    }

    private void InsertActivity(SqliteWriteBatch batch, TaskMessage message, StoredValue json)
    {
        var id = ++_nextActivityId;
        batch.Statement("INSERT INTO activities (id, instance_id, dequeue_count, message) VALUES (?1, ?2, 0, ?3)")
            .Bind(1, id)
            .Bind(2, message.OrchestrationInstance.InstanceId)
            .Bind(3, json)
            .Execute();
        var item = new ActivityItem(id, message, 0);
        batch.AfterCommit(() => _activities.Writer.TryWrite(item));
    }

    /// <summary>
    /// Deletes the timers an ended execution still waits for (an approval's timeout, hours away): a fire could only be
    /// dropped, yet each would stay in the file, and be loaded at every open, until then.
    /// </summary>
    private void WithdrawTimers(SqliteWriteBatch batch, List<QueuedMessage> timers)
    {
        if (timers.Count == 0)
        {
            return;
        }

        foreach (var timer in timers)
        {
            batch.Statement("DELETE FROM messages WHERE id = ?1").Bind(1, timer.Id).Execute();
        }

        // After-commit actions run under the gate.
        batch.AfterCommit(() => _timers.Withdraw(timers));
    }

    /// <summary>Deletes consumed or dropped messages: a stored message's row, or for an activity's result the activity's row.</summary>
    private static void DeleteMessages(SqliteWriteBatch batch, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            if (id > 0)
            {
                batch.Statement("DELETE FROM messages WHERE id = ?1").Bind(1, id).Execute();
            }
            else
            {
                batch.Statement("DELETE FROM activities WHERE id = ?1").Bind(1, -id).Execute();
            }
        }
    }

    /// <summary>Deletes dropped messages; a failure only leaves them for the next host to drop again.</summary>
    private async Task DeleteMessagesAsync(IReadOnlyList<long> ids)
    {
        try
        {
            await Writer.WriteAsync(batch => DeleteMessages(batch, ids));
        }
#pragma warning disable CA1031 // Best effort: logged, and harmless (the messages are dropped again when reloaded).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.BestEffortWriteFailed(_logger, "deleting dropped messages", ex);
        }
    }

    /// <summary>Records failed attempts, so a restart does not give a poison message its attempts back.</summary>
    private async Task SaveDequeueCountsAsync(IReadOnlyList<QueuedMessage> messages)
    {
        var counts = messages.Where(m => !m.IsActivityResult).Select(m => (m.Id, m.FailedAttempts)).ToList();
        try
        {
            await Writer.WriteAsync(batch =>
            {
                foreach (var (id, attempts) in counts)
                {
                    batch.Execute("UPDATE messages SET dequeue_count = $c WHERE id = $id", ("$c", attempts), ("$id", id));
                }
            });
        }
#pragma warning disable CA1031 // Best effort: logged; the count in memory still applies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.BestEffortWriteFailed(_logger, "saving failed attempts", ex);
        }
    }

    /// <summary>
    /// Gives up on an instance whose messages failed too often: they go to dead_letters, the instance ends Failed with the
    /// reason (its parent, if any, sees the sub-orchestration fail). False when the store could not write it.
    /// </summary>
    private async Task<bool> TryDeadLetterOrchestrationAsync(SqliteOrchestrationWorkItem workItem, List<QueuedMessage> messages, int attempts)
    {
        var instanceId = workItem.InstanceId;
        var reason = $"The orchestration's work item failed {attempts} times (MaxDequeueCount is {_settings.MaxDequeueCount}) and was dead-lettered by the SQLite orchestration store; see the worker's log for each attempt's exception.";
        var failure = new FailureDetails("DeadLettered", reason, null, null, true);
        var completed = new ExecutionCompletedEvent(-1, reason, OrchestrationStatus.Failed, failure);
        var start = messages.Select(m => m.Message.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();
        var endOnly = StoredFormat.WriteEvents([completed]);
        var startAndEnd = start is null ? endOnly : StoredFormat.WriteEvents([start, completed]);
        var messagesJson = StoredJson.Serialize(messages.Select(m => m.Message).ToList());
        var failureJson = StoredJson.Serialize(failure);
        long[] ids = [.. messages.Select(m => m.Id), .. workItem.Dropped];
        try
        {
            await Writer.WriteAsync(batch =>
            {
                var now = DateTime.UtcNow;
                batch.Execute(
                    "INSERT INTO dead_letters (kind, instance_id, failed_attempts, reason, messages, dead_lettered_at) VALUES ('orchestration', $i, $a, $r, $m, $t)",
                    ("$i", instanceId),
                    ("$a", attempts),
                    ("$r", reason),
                    ("$m", messagesJson),
                    ("$t", Ticks(now)));
                DeleteMessages(batch, ids);
                batch.Execute("DELETE FROM messages WHERE instance_id = $i", ("$i", instanceId));
                string? parentJson;
                int length;
                using (var reader = batch.Command("SELECT status, parent FROM instances WHERE instance_id = $i", ("$i", instanceId)).ExecuteReader())
                {
                    if (!reader.Read() || IsTerminal((OrchestrationStatus)reader.GetInt32(0)))
                    {
                        return;
                    }

                    parentJson = reader.IsDBNull(1) ? null : reader.GetString(1);
                }

                length = Convert.ToInt32(batch.Scalar("SELECT COALESCE(MAX(seq + event_count), 0) FROM history WHERE instance_id = $i", ("$i", instanceId)), System.Globalization.CultureInfo.InvariantCulture);

                var events = length == 0 ? startAndEnd : endOnly;
                batch.Execute(
                    "INSERT OR REPLACE INTO history (instance_id, seq, event_count, events) VALUES ($i, $s, $n, $e)",
                    ("$i", instanceId),
                    ("$s", length),
                    ("$n", length == 0 && start is not null ? 2 : 1),
                    ("$e", events.Value));
                batch.Execute(
                    "UPDATE instances SET status = $s, output = $o, failure = $f, updated_at = $t, completed_at = $t WHERE instance_id = $i",
                    ("$i", instanceId),
                    ("$s", (int)OrchestrationStatus.Failed),
                    ("$o", reason),
                    ("$f", failureJson),
                    ("$t", Ticks(now)));
                if (parentJson is not null && StoredJson.Deserialize<ParentInstance>(parentJson) is { } parent)
                {
                    var failed = new TaskMessage
                    {
                        OrchestrationInstance = parent.OrchestrationInstance,
                        Event = new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, reason, null, failure),
                    };
                    InsertMessageIfAlive(batch, failed, StoredFormat.WriteMessage(failed));
                }

                batch.AfterCommit(() =>
                {
                    ForgetInstance(instanceId);
                    SignalChange(instanceId);
                });
            });
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
        {
            Logs.BestEffortWriteFailed(_logger, "dead-lettering " + instanceId, ex);
            return false;
        }

        workItem.Dropped.Clear();
        Logs.OrchestrationDeadLettered(_logger, instanceId, attempts);
        return true;
    }
}
