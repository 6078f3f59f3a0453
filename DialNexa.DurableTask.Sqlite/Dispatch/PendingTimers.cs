namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// Messages that become visible later (timers and scheduled starts), earliest first, with each instance's timers at
/// hand: when an execution ends, its timers can never matter again, so they are withdrawn (their rows deleted by the
/// ending checkpoint) instead of waiting hours in memory and in the file for a fire that would be dropped. A withdrawn
/// timer leaves the heap when it would have fired, or sooner when withdrawn ones make up half of it. Guarded by the
/// service's gate.
/// </summary>
internal sealed class PendingTimers
{
    /// <summary>Withdrawn timers tolerated in the heap before it is rebuilt without them.</summary>
    private const int CompactAbove = 1024;

    private readonly PriorityQueue<QueuedMessage, DateTime> _heap = new();
    private readonly Dictionary<string, List<QueuedMessage>> _byInstance = new(StringComparer.Ordinal);
    private int _withdrawn;

    /// <summary>Messages waiting, withdrawn ones not counted.</summary>
    public int Count => _heap.Count - _withdrawn;

    /// <summary>Adds a message visible later; true when it is now the earliest (the timer loop must wake sooner).</summary>
    public bool Add(QueuedMessage message)
    {
        var earliest = !_heap.TryPeek(out _, out var first) || message.VisibleAt < first;
        _heap.Enqueue(message, message.VisibleAt);
        if (!message.IsStart)
        {
            if (!_byInstance.TryGetValue(message.InstanceId, out var timers))
            {
                timers = [];
                _byInstance.Add(message.InstanceId, timers);
            }

            timers.Add(message);
        }

        return earliest;
    }

    /// <summary>
    /// The next message due at <paramref name="now"/>, skipping withdrawn ones; null when none is, with how long until
    /// the earliest (at most <paramref name="longest"/>).
    /// </summary>
    public QueuedMessage? TakeDue(DateTime now, TimeSpan longest, out TimeSpan wait)
    {
        wait = longest;
        while (_heap.TryPeek(out var message, out var due))
        {
            if (message.Withdrawn)
            {
                _heap.Dequeue();
                _withdrawn--;
                continue;
            }

            if (due > now)
            {
                wait = due - now < longest ? due - now : longest;
                return null;
            }

            _heap.Dequeue();
            Forget(message);
            return message;
        }

        return null;
    }

    /// <summary>The timers waiting for <paramref name="instanceId"/>'s execution <paramref name="executionId"/>.</summary>
    public List<QueuedMessage> OfExecution(string instanceId, string executionId) =>
        _byInstance.TryGetValue(instanceId, out var timers)
            ? timers.FindAll(t => string.Equals(t.ExecutionId, executionId, StringComparison.Ordinal))
            : [];

    /// <summary>Withdraws timers whose rows are deleted; one already handed to its instance stays with it.</summary>
    public void Withdraw(IEnumerable<QueuedMessage> timers)
    {
        foreach (var timer in timers)
        {
            if (!timer.Delivered && !timer.Withdrawn)
            {
                timer.Withdrawn = true;
                _withdrawn++;
                Forget(timer);
            }
        }

        if (_withdrawn > CompactAbove && _withdrawn > _heap.Count / 2)
        {
            var kept = _heap.UnorderedItems.Where(entry => !entry.Element.Withdrawn).ToList();
            _heap.Clear();
            _heap.EnqueueRange(kept);
            _withdrawn = 0;
        }
    }

    /// <summary>Withdraws every timer of an instance that was replaced or purged (its rows went with it).</summary>
    public void WithdrawAll(string instanceId)
    {
        if (_byInstance.TryGetValue(instanceId, out var timers))
        {
            Withdraw([.. timers]);
        }
    }

    public void Clear()
    {
        _heap.Clear();
        _byInstance.Clear();
        _withdrawn = 0;
    }

    private void Forget(QueuedMessage message)
    {
        if (!message.IsStart && _byInstance.TryGetValue(message.InstanceId, out var timers))
        {
            timers.Remove(message);
            if (timers.Count == 0)
            {
                _byInstance.Remove(message.InstanceId);
            }
        }
    }
}
