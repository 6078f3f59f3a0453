namespace DialNexa.Durable;

/// <summary>The untyped face of an activity, used by the engine.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
