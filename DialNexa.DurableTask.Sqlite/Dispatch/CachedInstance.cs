using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>An instance's committed history, kept between episodes so the next one does not read the file.</summary>
internal sealed record CachedInstance(string ExecutionId, HistoryEvent[] Events);
