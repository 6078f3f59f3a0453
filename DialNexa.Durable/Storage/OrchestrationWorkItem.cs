namespace DialNexa.Durable.Storage;

/// <summary>An instance locked for one episode, with the messages to apply.</summary>
public sealed record OrchestrationWorkItem(string InstanceId, IReadOnlyList<OrchestrationMessage> Messages)
{
    /// <summary>The highest dequeue count among the messages: how often this work has been attempted.</summary>
    public int DequeueCount => Messages.Count == 0 ? 0 : Messages.Max(m => m.DequeueCount);

    /// <summary>Stores that share instances between hosts set this so a cached replay state can be checked; null means the cache is authoritative.</summary>
    public int? HistoryLength { get; init; }

    public object? StoreHandle { get; init; }
}
