namespace DialNexa.Durable.Execution;

/// <summary>
/// Runs an orchestrator's continuations one at a time, on the thread that pumps it, so its code is single-threaded
/// and every step happens inside an episode the engine controls.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs queued continuations until the orchestrator awaits something not yet complete.</summary>
    public void Pump()
    {
        while (_queue.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _queue.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];
}
