using System.Diagnostics;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// When a new instance may start. Instances already running are handed out first; a new one starts at once while the
/// activity queue is shorter than the activities this host runs at once. When it is longer, the host is behind: a burst
/// of starts would only lengthen every running instance's wait for its next activity (long enough for its extended
/// session to end, so each later episode is a reload and a replay). Then a new instance starts after every
/// <see cref="EpisodesPerStartWhenBehind"/> episodes of running ones, or once it has waited <see cref="LongestWait"/>,
/// so starts slow down with the host but never stop. Its messages are already committed: a held start waits, it is not lost.
/// </summary>
internal sealed class StartAdmission(int activityBacklogLimit)
{
    /// <summary>Episodes of running instances served per new start while the activity queue is behind.</summary>
    public const int EpisodesPerStartWhenBehind = 16;

    /// <summary>The longest a new instance waits behind running ones.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private long _episodesAtLastStart;

    /// <summary>
    /// Whether the oldest waiting start may go now: <paramref name="activityBacklog"/> activities wait for a slot,
    /// <paramref name="episodes"/> episodes were handed out so far, and the start has waited since <paramref name="readyAt"/>
    /// (a <see cref="Stopwatch"/> timestamp).
    /// </summary>
    public bool Admits(int activityBacklog, long episodes, long readyAt) =>
        activityBacklog < activityBacklogLimit
        || episodes - Interlocked.Read(ref _episodesAtLastStart) >= EpisodesPerStartWhenBehind
        || Stopwatch.GetElapsedTime(readyAt) >= LongestWait;

    /// <summary>A start was handed out after <paramref name="episodes"/> episodes.</summary>
    public void Started(long episodes) => Interlocked.Exchange(ref _episodesAtLastStart, episodes);
}
