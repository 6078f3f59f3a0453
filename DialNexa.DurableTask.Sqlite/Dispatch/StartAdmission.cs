using System.Diagnostics;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>
/// When a new instance may start. Instances already running are handed out first; a new one starts at once while the
/// activity queue is shorter than the activities this host runs at once and fewer work items are busy than the extended
/// sessions DurableTask.Core grants (sessions idle until an event or a timer do not count). Otherwise the host is behind:
/// a burst of starts would only lengthen every running instance's wait for its next activity, or leave running
/// instances without a session (DurableTask.Core grants sessions to half its orchestration slots; an instance without
/// one is reloaded and replayed at every episode). Then a new instance starts after every
/// <see cref="EpisodesPerStartWhenBehind"/> episodes of running ones, or once it has waited <see cref="LongestWait"/>,
/// so starts slow down with the host but never stop. Its messages are already committed: a held start waits, it is not lost.
/// </summary>
internal sealed class StartAdmission(int activityBacklogLimit, int sessionLimit)
{
    /// <summary>Episodes of running instances served per new start while the host is behind.</summary>
    public const int EpisodesPerStartWhenBehind = 16;

    /// <summary>The longest a new instance waits behind running ones.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private long _episodesAtLastStart;

    /// <summary>
    /// The extended sessions DurableTask.Core grants at once for <paramref name="orchestrationWorkItems"/> concurrent
    /// orchestration work items: half of them, rounded up (its TaskOrchestrationDispatcher keeps the rest for instances
    /// without one, so sessions cannot starve them).
    /// </summary>
    public static int SessionsGranted(int orchestrationWorkItems) => (orchestrationWorkItems + 1) / 2;

    /// <summary>
    /// Whether the oldest waiting start may go now: <paramref name="activityBacklog"/> activities wait for a slot,
    /// <paramref name="busyWorkItems"/> orchestration work items are running or waiting for work of this host,
    /// <paramref name="episodes"/> episodes were handed out so far, and the start has waited since
    /// <paramref name="readyAt"/> (a <see cref="Stopwatch"/> timestamp).
    /// </summary>
    public bool Admits(int activityBacklog, int busyWorkItems, long episodes, long readyAt) =>
        (activityBacklog < activityBacklogLimit && !SessionsFull(busyWorkItems))
        || episodes - Interlocked.Read(ref _episodesAtLastStart) >= EpisodesPerStartWhenBehind
        || Stopwatch.GetElapsedTime(readyAt) >= LongestWait;

    /// <summary>Whether every session the runtime grants is taken while <paramref name="openWorkItems"/> work items are out (or busy).</summary>
    public bool SessionsFull(int openWorkItems) => openWorkItems >= sessionLimit;

    /// <summary>A start was handed out after <paramref name="episodes"/> episodes.</summary>
    public void Started(long episodes) => Interlocked.Exchange(ref _episodesAtLastStart, episodes);
}
