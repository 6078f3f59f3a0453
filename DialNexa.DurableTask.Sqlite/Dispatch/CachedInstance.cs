using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// An instance's committed history, kept between episodes so the next one does not read the file: the first
/// <paramref name="Count"/> events of <paramref name="Events"/> (the runtime state's own list, not copied: an extended
/// session may append to it while it holds the instance, and only the committed prefix is used), with the status and
/// custom status its row holds (an episode that changes neither does not rewrite the row).
/// </summary>
internal sealed record CachedInstance(string ExecutionId, IList<HistoryEvent> Events, int Count, OrchestrationStatus Status, string? CustomStatus)
{
    /// <summary>The committed events, as a runtime state for the next work item.</summary>
    public OrchestrationRuntimeState ToRuntimeState() =>
        new(Count == Events.Count ? Events : [.. Events.Take(Count)]);
}
