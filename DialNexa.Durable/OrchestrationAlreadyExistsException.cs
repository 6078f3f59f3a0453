namespace DialNexa.Durable;

/// <summary>A start was refused because an instance with that ID exists in a status that may not be replaced.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    public OrchestrationAlreadyExistsException()
    {
    }

    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
    }

    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration instance with ID '{instanceId}' already exists with status {status}; it cannot be started again while {status}.")
    {
        InstanceId = instanceId;
        ExistingStatus = status;
    }

    public string? InstanceId { get; }

    public OrchestrationRuntimeStatus? ExistingStatus { get; }
}
