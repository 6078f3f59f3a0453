using System.Globalization;
using DialNexa.DurableTask.Sqlite.Dispatch;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>
/// Activity work items, at least once. An activity stays locked while this host runs it: the host owns the file, so a
/// crash releases every lock by ending the process, and the work item carries no expiry (DateTime.MaxValue), which also
/// spares the runtime a renewal task, and its cancellation, per activity.
/// </summary>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>The next scheduled activity, locked until completed or abandoned; null when none arrives within <paramref name="receiveTimeout"/>.</summary>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        if (!_dispatching)
        {
            await IdleAsync(receiveTimeout, cancellationToken);
            return null!;
        }

        var item = await ReadAsync(_activities.Reader, receiveTimeout, cancellationToken);
        if (item is null)
        {
            return null!;
        }

        int token;
        lock (_gate)
        {
            token = ++item.LockToken;
            _lockedActivities[item.Id] = item;
        }

        return new SqliteActivityWorkItem(item, token)
        {
            Id = item.Id.ToString(CultureInfo.InvariantCulture),
            TaskMessage = item.Message,
            LockedUntilUtc = DateTime.MaxValue,
        };
    }

    /// <summary>Nothing to extend: the lock lasts while this host runs the activity (the runtime does not call this for a work item locked until DateTime.MaxValue).</summary>
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Task.FromResult(workItem);

    /// <summary>
    /// Hands the activity's result to its orchestration in memory. It is not written on its own: the orchestration's next
    /// checkpoint records it in the history and deletes the activity's row in one transaction, so one commit per step
    /// instead of two. Until then the activity's row stays: after a crash the activity runs again (at least once). With
    /// <see cref="SqliteOrchestrationServiceSettings.PersistActivityResultsOnCompletion"/> the result is committed here
    /// instead. A second completion of the same activity (its lock had expired and it ran again) is ignored.
    /// </summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(responseMessage);
        ObjectDisposedException.ThrowIf(_closed, this);
        var item = ((SqliteActivityWorkItem)workItem).Item;
        if (_settings.PersistActivityResultsOnCompletion)
        {
            try
            {
                await PersistActivityResultAsync(item, responseMessage);
            }
            catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
            {
                ((SqliteActivityWorkItem)workItem).StoreFailed = true;
                throw;
            }

            return;
        }

        lock (_gate)
        {
            if (!TryMarkCompleted(item))
            {
                return;
            }

            Deliver(new QueuedMessage(-item.Id, responseMessage, DateTime.UtcNow, 0));
        }
    }

    /// <summary>The first completion of an activity wins; false for a later one (its lock had expired and it ran again). Caller holds the gate.</summary>
    private bool TryMarkCompleted(ActivityItem item)
    {
        if (item.Completed)
        {
            return false;
        }

        item.Completed = true;
        if (_lockedActivities.TryGetValue(item.Id, out var locked) && ReferenceEquals(locked, item))
        {
            _lockedActivities.Remove(item.Id);
        }

        return true;
    }

    /// <summary>With <see cref="SqliteOrchestrationServiceSettings.PersistActivityResultsOnCompletion"/>: the activity's row deleted and its result written as a message, in one commit.</summary>
    private async Task PersistActivityResultAsync(ActivityItem item, TaskMessage responseMessage)
    {
        var json = StoredFormat.WriteMessage(responseMessage);
        await Writer.WriteAsync(batch =>
        {
            if (batch.Statement("DELETE FROM activities WHERE id = ?1").Bind(1, item.Id).Execute() > 0)
            {
                InsertMessageIfAlive(batch, responseMessage, json);
            }

            batch.AfterCommit(() => TryMarkCompleted(item));
        });
    }

    /// <summary>
    /// Hands the activity out again after a back-off. An attempt whose result the store could not commit does not count;
    /// after <see cref="SqliteOrchestrationServiceSettings.MaxDequeueCount"/> failed attempts it is dead-lettered and its
    /// orchestration receives it as failed, with the reason.
    /// </summary>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var activity = (SqliteActivityWorkItem)workItem;
        var item = activity.Item;
        if (!ForgetActivityLock(activity) || item.Completed)
        {
            return;
        }

        var instanceId = item.Message.OrchestrationInstance.InstanceId;
        if (activity.StoreFailed)
        {
            Interlocked.Increment(ref _storeFailureRetries);
            Requeue(item, StoreRetryDelay);
            return;
        }

        var attempts = ++item.FailedAttempts;
        if (attempts >= _settings.MaxDequeueCount && await TryDeadLetterActivityAsync(item, attempts))
        {
            return;
        }

        var delay = Backoff(attempts);
        Logs.ActivityAbandoned(_logger, item.Id, instanceId, attempts, _settings.MaxDequeueCount, delay);
        _ = SaveActivityDequeueCountAsync(item.Id, attempts);
        Requeue(item, delay);
    }

    private void Requeue(ActivityItem item, TimeSpan delay) => _ = Task.Run(async () =>
    {
        try
        {
            await Task.Delay(delay, _closing.Token);
            _activities.Writer.TryWrite(item);
        }
        catch (OperationCanceledException)
        {
            // Closing: the activity is still in the file and is reloaded by the next host.
        }
    });

    /// <summary>Removes the lock if <paramref name="activity"/> still holds it; false when it had expired and moved on.</summary>
    private bool ForgetActivityLock(SqliteActivityWorkItem activity)
    {
        lock (_gate)
        {
            if (activity.Item.LockToken != activity.LockToken)
            {
                return false;
            }

            return _lockedActivities.Remove(activity.Item.Id);
        }
    }

    private async Task SaveActivityDequeueCountAsync(long id, int attempts)
    {
        try
        {
            await Writer.WriteAsync(batch => batch.Execute("UPDATE activities SET dequeue_count = $c WHERE id = $id", ("$c", attempts), ("$id", id)));
        }
#pragma warning disable CA1031 // Best effort: logged; the count in memory still applies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.BestEffortWriteFailed(_logger, "saving an activity's failed attempts", ex);
        }
    }

    private async Task<bool> TryDeadLetterActivityAsync(ActivityItem item, int attempts)
    {
        var scheduled = (TaskScheduledEvent)item.Message.Event;
        var reason = $"Activity '{scheduled.Name}' failed {attempts} times (MaxDequeueCount is {_settings.MaxDequeueCount}) and was dead-lettered by the SQLite orchestration store; see the worker's log for each attempt's exception.";
        var failed = new TaskMessage
        {
            OrchestrationInstance = item.Message.OrchestrationInstance,
            Event = new TaskFailedEvent(-1, scheduled.EventId, reason, null, new FailureDetails("DeadLettered", reason, null, null, true)),
        };
        var failedJson = StoredFormat.WriteMessage(failed);
        var messageJson = StoredJson.Serialize(new List<TaskMessage> { item.Message });
        var instanceId = item.Message.OrchestrationInstance.InstanceId;
        try
        {
            await Writer.WriteAsync(batch =>
            {
                batch.Execute(
                    "INSERT INTO dead_letters (kind, instance_id, failed_attempts, reason, messages, dead_lettered_at) VALUES ('activity', $i, $a, $r, $m, $t)",
                    ("$i", instanceId),
                    ("$a", attempts),
                    ("$r", reason),
                    ("$m", messageJson),
                    ("$t", Ticks(DateTime.UtcNow)));
                if (batch.Execute("DELETE FROM activities WHERE id = $id", ("$id", item.Id)) > 0)
                {
                    InsertMessageIfAlive(batch, failed, failedJson);
                }
            });
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
        {
            Logs.BestEffortWriteFailed(_logger, "dead-lettering an activity of " + instanceId, ex);
            return false;
        }

        Logs.ActivityDeadLettered(_logger, item.Id, instanceId, attempts);
        return true;
    }
}
