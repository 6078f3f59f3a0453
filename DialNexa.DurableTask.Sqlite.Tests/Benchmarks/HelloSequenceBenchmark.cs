using System.Diagnostics;
using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>
/// hello-sequence-5: N orchestrations (default 10,000) each calling five activities in sequence, on DurableTask.Core's
/// TaskHubWorker with Microsoft.DurableTask classes through the shims, all scheduled at once. Throughput is first creation
/// to last completion, from the instances' own timestamps; the raw SQLite commit rate is measured first, same settings.
/// </summary>
internal sealed class HelloSequenceBenchmark : IBenchmarkScenario
{
    public string Name => "hello-sequence-5";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var count = options.Count ?? 10_000;
        var rawCommits = RawCommitProbe.MeasureCommitsPerSecond(options.WorkDirectory, options.Synchronous, TimeSpan.FromSeconds(2));
        await log.WriteLineAsync($"raw SQLite commits/s (WAL, synchronous={options.Synchronous}): {rawCommits:F0}");
        await using var host = await BenchmarkHost.StartAsync(options, r => r.AddHelloSequence());
        var commitsBefore = host.Service.CommitCount;
        var writesBefore = host.Service.WriteCount;
        var busyBefore = host.Service.WriterBusy;
        var commitTimeBefore = host.Service.WriterCommitTime;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var writtenBefore = BenchmarkProcess.WrittenBytes();
        var watch = Stopwatch.StartNew();
        var instances = new OrchestrationInstance[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            instances[i] = await host.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", $"seq-{i:D6}", "bench");
        });
        await log.WriteLineAsync($"scheduled {count} in {watch.Elapsed.TotalSeconds:F2} s");
        foreach (var instance in instances)
        {
            _ = await host.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(5))
                ?? throw new TimeoutException($"{instance.InstanceId} did not finish within 5 minutes.");
        }

        var wall = watch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var written = BenchmarkProcess.WrittenBytes() - writtenBefore;
        var states = await host.AllInstancesAsync();
        var seconds = (states.Max(s => s.LastUpdatedTime) - states.Min(s => s.CreatedTime)).TotalSeconds;
        var latencies = states.Select(s => (s.LastUpdatedTime - s.CreatedTime).TotalMilliseconds).Order().ToArray();
        var commits = host.Service.CommitCount - commitsBefore;
        var writes = host.Service.WriteCount - writesBefore;
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["orchestrations"] = count,
            ["failed"] = states.Count(s => s.OrchestrationStatus != OrchestrationStatus.Completed),
            ["seconds"] = Math.Round(seconds, 3),
            ["orchestrationsPerSecond"] = Math.Round(count / seconds, 1),
            ["activitiesPerSecond"] = Math.Round(5 * count / seconds, 1),
            ["p50OrchestrationMs"] = Math.Round(BenchmarkProcess.Percentile(latencies, 0.50), 1),
            ["p99OrchestrationMs"] = Math.Round(BenchmarkProcess.Percentile(latencies, 0.99), 1),
            ["synchronous"] = options.Synchronous.ToString().ToUpperInvariant(),
            ["storeCommits"] = commits,
            ["writesPerCommit"] = commits == 0 ? 0 : Math.Round((double)writes / commits, 1),
            ["workItems"] = host.Service.DispatchCounts.WorkItems,
            ["sessionEpisodes"] = host.Service.DispatchCounts.SessionBatches,
            ["writerBusySeconds"] = Math.Round((host.Service.WriterBusy - busyBefore).TotalSeconds, 2),
            ["writerCommitSeconds"] = Math.Round((host.Service.WriterCommitTime - commitTimeBefore).TotalSeconds, 2),
            ["diskKbPerOrchestration"] = Math.Round(written / 1024.0 / count, 1),
            ["cpuSecondsPerThousand"] = Math.Round(cpu / count * 1000, 2),
            ["wallSeconds"] = Math.Round(wall, 3),
            ["rawSqliteCommitsPerSecond"] = Math.Round(rawCommits, 0),
            ["peakRssMb"] = BenchmarkProcess.PeakRssMb(),
            ["processorCount"] = Environment.ProcessorCount,
            ["loadAverageAtEnd"] = BenchmarkProcess.LoadAverage(),
        };
    }
}
