namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>The visible messages of one instance and who holds it. Guarded by the service's gate.</summary>
internal sealed class InstanceQueue(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    public List<QueuedMessage> Messages { get; } = [];

    /// <summary>A dispatcher holds the instance (a work item or an extended session); new messages wait for it.</summary>
    public bool Locked { get; set; }

    /// <summary>The instance sits in the ready channel.</summary>
    public bool InReady { get; set; }

    /// <summary>Messages wait for the instance's start, which is scheduled for later (the instance is Pending).</summary>
    public bool Parked { get; set; }

    /// <summary>An extended session waiting for this instance's next messages.</summary>
    public TaskCompletionSource<bool>? SessionWaiter { get; set; }

    /// <summary>Bumped when the instance is replaced or purged: messages taken before belong to what is gone.</summary>
    public int Generation { get; set; }

    /// <summary>Not before this time (after an abandoned attempt, the back-off).</summary>
    public DateTime NotBefore { get; set; }

    /// <summary>A delayed retry is scheduled (it makes the instance ready when <see cref="NotBefore"/> has passed).</summary>
    public bool RetryScheduled { get; set; }

    /// <summary>The instance's start when it is scheduled for later, so a terminate can deliver it at once.</summary>
    public QueuedMessage? DelayedStart { get; set; }

    public bool IsIdle => Messages.Count == 0 && !Locked && !Parked && DelayedStart is null && !RetryScheduled;
}
