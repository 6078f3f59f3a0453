using DialNexa.Benchmarks.Measuring;
using DialNexa.DurableTask.Sqlite;

namespace DialNexa.Benchmarks.Stores;

/// <summary>The embedded provider's own counters at one moment: commits, writes, the writer thread's busy time, dispatch counts.</summary>
internal sealed record SqliteProviderCounters(long Commits, long Writes, TimeSpan WriterBusy, TimeSpan WriterCommitTime, long WorkItems, long SessionBatches)
{
    public static SqliteProviderCounters Read(SqliteOrchestrationService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var (workItems, sessionBatches) = service.DispatchCounts;
        return new(service.CommitCount, service.WriteCount, service.WriterBusy, service.WriterCommitTime, workItems, sessionBatches);
    }

    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public SqliteProviderCounters Since(SqliteProviderCounters before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(Commits - before.Commits, Writes - before.Writes, WriterBusy - before.WriterBusy, WriterCommitTime - before.WriterCommitTime, WorkItems - before.WorkItems, SessionBatches - before.SessionBatches);
    }

    /// <summary>The figures per unit of work (<c>commitsPerOrchestration</c>…) and the writer's share of <paramref name="wall"/>.</summary>
    public Figures Describe(string unit, int units, TimeSpan wall) => new Figures()
        .Add("storeCommits", Commits, 0)
        .Add("storeWrites", Writes, 0)
        .Add($"storeCommitsPer{unit}", units == 0 ? 0 : (double)Commits / units, 2)
        .Add($"storeWritesPer{unit}", units == 0 ? 0 : (double)Writes / units, 2)
        .Add("writesPerCommit", Commits == 0 ? 0 : (double)Writes / Commits, 1)
        .Add("writerBusyPercent", wall <= TimeSpan.Zero ? 0 : 100 * WriterBusy / wall, 0)
        .Add("writerCommitPercent", wall <= TimeSpan.Zero ? 0 : 100 * WriterCommitTime / wall, 0)
        .Add("workItems", WorkItems, 0)
        .Add("sessionEpisodes", SessionBatches, 0);
}
