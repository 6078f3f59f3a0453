using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Runtime;
using DialNexa.Benchmarks.Stores;
using Microsoft.DurableTask.Client;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// waiting-100k: N instances (default 100,000) started and left waiting for an event, as calls wait for finance, on the
/// embedded provider (synchronous=FULL). The process's RSS once all are Running and idle sessions have ended, then 1,000
/// of them spread over the range woken at once and waited for.
/// </summary>
internal sealed class WaitingInstancesScenario : IBenchmarkScenario
{
    private const int Woken = 1000;

    public string Name => "waiting-100k";

    public string Summary => "100,000 instances waiting for an event (RSS while they wait), then 1,000 of them woken (seconds until all complete)";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Options.Count ?? 100_000;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var host = await RuntimeHost.StartEmbeddedAsync(Path.Combine(run.WorkDirectory, "store"), run.Options, cancellationToken);
        var clock = Stopwatch.StartNew();
        await InstanceBatch.ScheduleAsync(host.Client, nameof(WaitForGo), "x", "wait-", count, parallel: 64, cancellationToken);
        var started = clock.Elapsed;
        await run.LogAsync($"started {count} in {started.TotalSeconds:F1} s");
        while (await InstanceBatch.AnyAsync(host.Client, [OrchestrationRuntimeStatus.Pending], cancellationToken))
        {
            await Task.Delay(250, cancellationToken);
        }

        var allRunning = clock.Elapsed;

        // Let the last idle sessions end (they hold their instance for the provider's idle timeout), then measure.
        await Task.Delay(TimeSpan.FromSeconds(12), cancellationToken);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(500, cancellationToken);
        var rss = Machine.CurrentRssMb();
        var managed = GC.GetTotalMemory(forceFullCollection: false) / 1024.0 / 1024.0;
        var cached = host.Sqlite!.CachedInstanceCount;
        await run.LogAsync($"{count} waiting after {allRunning.TotalSeconds:F1} s; RSS {rss} MB ({managed:F0} MB managed), {cached} histories cached");

        var sample = Math.Min(Woken, count);
        var wake = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, sample), new ParallelOptions { MaxDegreeOfParallelism = sample, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var id = InstanceBatch.InstanceId("wait-", i * (count / sample));
            await host.Client.RaiseEventAsync(id, WaitForGo.EventName, "now", ct);
            var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, ct);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                Interlocked.Increment(ref failed);
            }
        });
        var wakeSeconds = wake.Elapsed.TotalSeconds;
        await run.LogAsync($"{sample} woken and completed in {wakeSeconds:F2} s");
        return new Figures(Name, synchronous)
            .Add("waitingInstances", count, 0)
            .Add("startsPerSecond", count / started.TotalSeconds, 0)
            .Add("secondsUntilAllRunning", allRunning.TotalSeconds, 2)
            .Add("rssMbWhileWaiting", rss, 1)
            .Add("managedMbWhileWaiting", managed, 1)
            .Add("cachedHistories", cached, 0)
            .Add("woken", sample, 0)
            .Add("wakeSeconds", wakeSeconds, 2)
            .Add("wokenNotCompleted", failed, 0)
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }
}
