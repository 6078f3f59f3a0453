using System.Diagnostics;
using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>
/// waiting-100k: N instances (default 100,000) started and left waiting for an external event, like calls waiting for
/// approval; the process's RSS once all are Running, then 1,000 of them woken at once and waited for.
/// </summary>
internal sealed class WaitingInstancesBenchmark : IBenchmarkScenario
{
    public const string Orchestration = "WaitForGo";

    public string Name => "waiting-100k";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var count = options.Count ?? 100_000;
        var rawCommits = RawCommitProbe.MeasureCommitsPerSecond(options.WorkDirectory, options.Synchronous, TimeSpan.FromSeconds(2));
        await log.WriteLineAsync($"raw SQLite commits/s (WAL, synchronous={options.Synchronous}): {rawCommits:F0}");
        await using var host = await BenchmarkHost.StartAsync(options, r => r.Orchestration<string, string>(Orchestration, async (context, _) =>
            await context.WaitForExternalEvent<string>("Go")));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            await host.Client.CreateOrchestrationInstanceAsync(Orchestration, "", $"wait-{i:D6}", "x");
        });
        var scheduled = watch.Elapsed.TotalSeconds;
        await log.WriteLineAsync($"scheduled {count} in {scheduled:F1} s");
        while ((await host.AllInstancesAsync(OrchestrationStatus.Pending, max: 1)).Count > 0)
        {
            await Task.Delay(250);
        }

        var allRunning = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3)); // let the last episodes settle (up to 50 idle sessions may still hold their instance)
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(500);
        var rss = BenchmarkProcess.CurrentRssMb();
        await log.WriteLineAsync($"{count} instances waiting after {allRunning:F1} s; RSS {rss} MB; {host.Service.CachedInstanceCount} histories cached");
        var sample = Math.Min(1000, count);
        var wake = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, sample), new ParallelOptions { MaxDegreeOfParallelism = sample }, async (i, _) =>
        {
            var instance = new OrchestrationInstance { InstanceId = $"wait-{i * (count / sample):D6}" };
            await host.Client.RaiseEventAsync(instance, "Go", "now");
            var state = await host.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(2));
            if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
            {
                throw new InvalidOperationException($"{instance.InstanceId} ended {state?.OrchestrationStatus.ToString() ?? "not at all"}.");
            }
        });
        var wakeSeconds = wake.Elapsed.TotalSeconds;
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["waitingInstances"] = count,
            ["startsPerSecond"] = Math.Round(count / scheduled, 1),
            ["secondsUntilAllRunning"] = Math.Round(allRunning, 2),
            ["rssMbWhileWaiting"] = rss,
            ["cachedHistories"] = host.Service.CachedInstanceCount,
            ["wokenSample"] = sample,
            ["wakeSampleSeconds"] = Math.Round(wakeSeconds, 2),
            ["synchronous"] = options.Synchronous.ToString().ToUpperInvariant(),
            ["rawSqliteCommitsPerSecond"] = Math.Round(rawCommits, 0),
            ["peakRssMb"] = BenchmarkProcess.PeakRssMb(),
            ["processorCount"] = Environment.ProcessorCount,
            ["loadAverageAtEnd"] = BenchmarkProcess.LoadAverage(),
        };
    }
}
