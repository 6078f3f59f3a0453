namespace DialNexa.Durable;

/// <summary>
/// The orchestrator's code no longer produces the steps its recorded history says it took: it was changed while
/// instances were running, or it is not deterministic (wall clock, random GUIDs, I/O). The message names the
/// orchestrator, the step and what differed.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
