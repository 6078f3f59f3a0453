namespace DialNexa.Durable;

/// <summary>
/// A class-based orchestrator. Its code is replayed from the recorded history after every await, so it must be
/// deterministic: use the context's clock, GUIDs and timers, and put every I/O in an activity.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
