using System.Diagnostics;
using DialNexa.Durable;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// hello-sequence-5: N orchestrations (default 10,000), each calling 5 activities in sequence, scheduled at once on the
/// embedded store with durable commits; throughput from first creation to last completion, latency per instance.
/// </summary>
internal sealed class HelloSequenceBenchmark : IBenchmarkScenario
{
    public string Name => "hello-sequence-5";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (string.Equals(options.Store, "azurite", StringComparison.OrdinalIgnoreCase))
        {
            return await RunOnAzuriteAsync(options, log, cancellationToken);
        }

        if (!string.Equals(options.Store, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"bench: --store must be embedded or azurite, not '{options.Store}'.", nameof(options));
        }

        var count = options.Count ?? 10_000;
        var rawCommits = EngineBenchmarkHost.MeasureRawCommitsPerSecond(options.WorkDirectory);
        await log.WriteLineAsync($"raw SQLite commits/s (WAL, synchronous=FULL): {rawCommits:F0}");
        await using var host = await EngineBenchmarkHost.StartAsync(Path.Combine(options.WorkDirectory, "store"));
        var commitsBefore = host.Sqlite!.CommitCount;
        var writesBefore = host.Sqlite.WriteCount;
        var run = await RunSequencesAsync(host, count, parallelStarts: 256, log, cancellationToken);
        var commits = host.Sqlite.CommitCount - commitsBefore;
        var writes = host.Sqlite.WriteCount - writesBefore;
        return Figures("embedded", count, run, new()
        {
            ["synchronous"] = "FULL",
            ["storeCommits"] = commits,
            ["writesPerCommit"] = commits == 0 ? 0 : Math.Round((double)writes / commits, 1),
            ["rawStoreCommitsPerSecond"] = Math.Round(rawCommits, 0),
        });
    }

    /// <summary>
    /// The same run on the Azure Storage store against an Azurite this command starts itself (tools/node_modules,
    /// free loopback ports, in-memory), after measuring Azurite's raw rates with the same client. Default 2,000 instances.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, object?>> RunOnAzuriteAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var count = options.Count ?? 2_000;
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        await log.WriteLineAsync($"azurite started (pid {azurite.ProcessId}) on 127.0.0.1:{azurite.QueuePort} (queues) and :{azurite.TablePort} (tables)");
        var raw = await AzuriteRawProbe.MeasureAsync(azurite.Account, cancellationToken);
        await log.WriteLineAsync($"raw azurite: {raw.QueueCyclesPerSecond:F0} queue put+get+delete/s, {raw.TableInsertsPerSecond:F0} table inserts/s (8 concurrent each)");
        await using var host = await EngineBenchmarkHost.StartAsync(options.WorkDirectory, DurableTaskServiceCollectionExtensions.AzureStorageStore(azurite.Account));
        var store = (AzureStorageOrchestrationStore)host.Store;
        var callsBefore = store.StorageCalls;
        var run = await RunSequencesAsync(host, count, parallelStarts: 32, log, cancellationToken);
        var calls = store.StorageCalls - callsBefore;
        return Figures("azurite", count, run, new()
        {
            ["storageCallsPerOrchestration"] = Math.Round((double)calls / count, 1),
            ["partitions"] = 4,
            ["rawAzuriteQueueCyclesPerSecond"] = Math.Round(raw.QueueCyclesPerSecond, 0),
            ["rawAzuriteTableInsertsPerSecond"] = Math.Round(raw.TableInsertsPerSecond, 0),
        });
    }

    /// <summary>
    /// Schedules the instances at once (<paramref name="parallelStarts"/> at a time), waits for each, and reads the
    /// figures from the instances' own timestamps: first creation to last completion, and each one's latency.
    /// </summary>
    private static async Task<SequenceRun> RunSequencesAsync(EngineBenchmarkHost host, int count, int parallelStarts, TextWriter log, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelStarts, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            ids[i] = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(BenchHelloSequence), "x", new StartOrchestrationOptions { InstanceId = $"seq-{i:D6}" }, ct);
        });
        await log.WriteLineAsync($"scheduled {count} in {watch.Elapsed.TotalSeconds:F2} s");
        foreach (var id in ids)
        {
            await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellationToken);
        }

        var instances = await host.AllInstancesAsync(cancellationToken);
        var seconds = (instances.Max(i => i.LastUpdatedAt) - instances.Min(i => i.CreatedAt)).TotalSeconds;
        var latencies = instances.Select(i => (i.LastUpdatedAt - i.CreatedAt).TotalMilliseconds).Order().ToArray();
        return new SequenceRun(instances.Count(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed), seconds, latencies);
    }

    /// <summary>The JSON line: what every store's run reports, then the store's own figures, then the machine's.</summary>
    private Dictionary<string, object?> Figures(string store, int count, SequenceRun run, Dictionary<string, object?> storeFigures)
    {
        var figures = new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["store"] = store,
            ["orchestrations"] = count,
            ["failed"] = run.Failed,
            ["seconds"] = Math.Round(run.Seconds, 3),
            ["orchestrationsPerSecond"] = Math.Round(count / run.Seconds, 1),
            ["activitiesPerSecond"] = Math.Round(5 * count / run.Seconds, 1),
            ["p50OrchestrationMs"] = Math.Round(Percentile(run.Latencies, 0.50), 1),
            ["p99OrchestrationMs"] = Math.Round(Percentile(run.Latencies, 0.99), 1),
        };
        foreach (var (name, value) in storeFigures)
        {
            figures[name] = value;
        }

        figures["peakRssMb"] = EngineBenchmarkHost.PeakRssMb();
        figures["processorCount"] = Environment.ProcessorCount;
        figures["concurrency"] = EngineBenchmarkHost.Concurrency;
        return figures;
    }

    private sealed record SequenceRun(int Failed, double Seconds, double[] Latencies);

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
