using System.Diagnostics;
using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// waiting-100k: N instances (default 100,000) started and left waiting for an event, like calls waiting for approval;
/// reports the process's memory once all are Running, then wakes a sample of them to show they still answer.
/// </summary>
internal sealed class WaitingInstancesBenchmark : IBenchmarkScenario
{
    public string Name => "waiting-100k";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var count = options.Count ?? 100_000;
        await using var host = await EngineBenchmarkHost.StartAsync(Path.Combine(options.WorkDirectory, "store"));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(BenchWaitForEvent), "x", new StartOrchestrationOptions { InstanceId = $"wait-{i:D6}" }, ct);
        });
        var scheduled = watch.Elapsed.TotalSeconds;
        while (true)
        {
            var (pending, _) = await host.Client.GetAllInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 1 }, cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            await Task.Delay(200, cancellationToken);
        }

        var allRunning = watch.Elapsed.TotalSeconds;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(500, cancellationToken);
        var rss = EngineBenchmarkHost.CurrentRssMb();
        await log.WriteLineAsync($"{count} instances waiting; RSS {rss} MB; {host.Worker.CachedOrchestrations} held in memory");
        var sample = Math.Min(1000, count);
        var wake = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, sample), cancellationToken, async (i, ct) =>
        {
            var id = $"wait-{i * (count / sample):D6}";
            await host.Client.RaiseEventAsync(id, "Go", "now", ct);
            await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: ct);
        });
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["waitingInstances"] = count,
            ["startsPerSecond"] = Math.Round(count / scheduled, 1),
            ["secondsUntilAllRunning"] = Math.Round(allRunning, 2),
            ["rssMbWhileWaiting"] = rss,
            ["cachedInstances"] = host.Worker.CachedOrchestrations,
            ["wokenSample"] = sample,
            ["wakeSampleSeconds"] = Math.Round(wake.Elapsed.TotalSeconds, 2),
            ["peakRssMb"] = EngineBenchmarkHost.PeakRssMb(),
        };
    }
}
