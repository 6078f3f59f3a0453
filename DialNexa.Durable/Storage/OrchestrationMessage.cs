using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>A message waiting for an orchestration: an event that will be appended to its history when processed.</summary>
public sealed record OrchestrationMessage(string InstanceId, HistoryEvent Event)
{
    /// <summary>How many times the message has been handed to a worker (counted before each hand-out).</summary>
    public int DequeueCount { get; init; }

    /// <summary>The store's own handle (row ID, pop receipt) for completing the message.</summary>
    public object? StoreHandle { get; init; }
}
