using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// An instance's committed history, kept between episodes so the next one does not read the file, with the status and
/// custom status its row holds (an episode that changes neither does not rewrite the row).
/// </summary>
internal sealed record CachedInstance(string ExecutionId, HistoryEvent[] Events, OrchestrationStatus Status, string? CustomStatus);
