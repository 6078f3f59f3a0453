namespace DialNexa.Durable.Storage;

/// <summary>The outcome of a create: created (possibly replacing a finished instance), or refused because one exists.</summary>
public sealed record CreateInstanceResult(bool Created, OrchestrationRuntimeStatus? ExistingStatus)
{
    public static CreateInstanceResult Success { get; } = new(true, null);

    public static CreateInstanceResult Exists(OrchestrationRuntimeStatus status) => new(false, status);
}
