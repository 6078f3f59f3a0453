using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>An activity invocation to run: the TaskScheduled event of the orchestration that asked for it.</summary>
public sealed record ActivityWorkItem(string InstanceId, string ExecutionId, HistoryEvent Scheduled)
{
    public int DequeueCount { get; init; }

    public object? StoreHandle { get; init; }
}
