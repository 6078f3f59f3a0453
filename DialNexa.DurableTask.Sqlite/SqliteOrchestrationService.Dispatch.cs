using System.Diagnostics;
using DialNexa.DurableTask.Sqlite.Dispatch;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>The in-memory side: committed messages become visible to dispatchers here, never before their commit.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>Makes a committed message visible: now, or at its time (a timer, a scheduled start).</summary>
    private void Publish(QueuedMessage message)
    {
        if (message.VisibleAt > DateTime.UtcNow)
        {
            bool earliest;
            lock (_gate)
            {
                earliest = _timers.Add(message);
                if (message.IsStart)
                {
                    Queue(message.InstanceId).DelayedStart = message;
                }
            }

            if (earliest)
            {
                _timerSignal.Release();
            }

            return;
        }

        lock (_gate)
        {
            Deliver(message);
        }
    }

    /// <summary>Adds a visible message to its instance's queue and wakes whoever should see it. Caller holds the gate.</summary>
    private void Deliver(QueuedMessage message)
    {
        if (message.Delivered)
        {
            return;
        }

        message.Delivered = true;
        var queue = Queue(message.InstanceId);
        queue.Messages.Add(message);
        if (message.IsStart)
        {
            queue.Parked = false;
            if (ReferenceEquals(queue.DelayedStart, message))
            {
                queue.DelayedStart = null;
            }
        }
        else if (queue.DelayedStart is not null && !queue.Locked)
        {
            // The instance is Pending until its scheduled start: what arrives for it waits for that start.
            queue.Parked = true;
        }

        MakeReady(queue);
    }

    /// <summary>Puts the instance in the ready channel, or hands the news to the session holding it. Caller holds the gate.</summary>
    private void MakeReady(InstanceQueue queue)
    {
        if (queue.Parked || queue.Messages.Count == 0)
        {
            return;
        }

        if (queue.Locked)
        {
            queue.SessionWaiter?.TrySetResult(true);
            return;
        }

        if (queue.InReady)
        {
            return;
        }

        var wait = queue.NotBefore - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            // Backing off after a failed attempt: one delayed retry per queue, whoever asks first schedules it.
            if (!queue.RetryScheduled)
            {
                queue.RetryScheduled = true;
                RetryLater(queue, wait);
            }

            return;
        }

        queue.InReady = true;
        if (queue.Messages.Exists(m => m.StartsTopLevelInstance))
        {
            _readyStarts.Writer.TryWrite(new ReadyStart(queue.InstanceId, Stopwatch.GetTimestamp()));
        }
        else
        {
            _ready.Writer.TryWrite(queue.InstanceId);
        }
    }

    private InstanceQueue Queue(string instanceId)
    {
        if (!_queues.TryGetValue(instanceId, out var queue))
        {
            queue = new InstanceQueue(instanceId);
            _queues[instanceId] = queue;
        }

        return queue;
    }

    /// <summary>Drops the queue when nothing refers to it any more. Caller holds the gate.</summary>
    private void TrimQueue(InstanceQueue queue)
    {
        if (queue.IsIdle && !queue.InReady && _queues.TryGetValue(queue.InstanceId, out var current) && ReferenceEquals(current, queue))
        {
            _queues.Remove(queue.InstanceId);
        }
    }

    /// <summary>
    /// After an instance was replaced, purged or dead-lettered (committed): its queued messages, delayed start and cached
    /// history are gone; a session holding it ends at its next fetch.
    /// </summary>
    private void ForgetInstance(string instanceId)
    {
        lock (_gate)
        {
            _cache.Remove(instanceId);
            _timers.WithdrawAll(instanceId);
            if (_queues.TryGetValue(instanceId, out var queue))
            {
                queue.Generation++;
                queue.Messages.Clear();
                if (queue.DelayedStart is { } start)
                {
                    start.Delivered = true;
                    queue.DelayedStart = null;
                }

                queue.Parked = false;
                queue.SessionWaiter?.TrySetResult(true);
                TrimQueue(queue);
            }
        }
    }

    /// <summary>A terminate for an instance whose start is scheduled later: the start is delivered now, so the instance ends.</summary>
    private void DeliverDelayedStartNow(string instanceId)
    {
        lock (_gate)
        {
            if (_queues.TryGetValue(instanceId, out var queue) && queue.DelayedStart is { } start)
            {
                queue.DelayedStart = null;
                Deliver(start);

                // The start goes first: events that waited for it were queued before it.
                queue.Messages.Remove(start);
                queue.Messages.Insert(0, start);
            }
        }
    }

    private void RetryLater(InstanceQueue queue, TimeSpan delay)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, _closing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                queue.RetryScheduled = false;
                queue.NotBefore = DateTime.MinValue;
                MakeReady(queue);
            }
        });
    }

    private void SignalChange(string instanceId)
    {
        if (_changeWaiters.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private void WakeAllSessions()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                queue.SessionWaiter?.TrySetResult(false);
            }
        }
    }

    /// <summary>Delivers due timers and scheduled starts.</summary>
    private async Task RunTimersAsync()
    {
        var token = _closing.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan wait;
            var now = DateTime.UtcNow;
            lock (_gate)
            {
                while (_timers.TakeDue(now, TimeSpan.FromSeconds(1), out wait) is { } message)
                {
                    Deliver(message);
                }
            }

            try
            {
                await _timerSignal.WaitAsync(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
