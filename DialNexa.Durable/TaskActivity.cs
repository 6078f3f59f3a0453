namespace DialNexa.Durable;

/// <summary>
/// A class-based activity: ordinary code that may do I/O. It runs at least once per scheduling (a crash between its
/// end and the engine's commit runs it again), so its effects must be idempotent.
/// </summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
