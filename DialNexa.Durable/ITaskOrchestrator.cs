namespace DialNexa.Durable;

/// <summary>The untyped face of an orchestrator, used by the engine.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
