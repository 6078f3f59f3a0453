using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Runtime;
using DialNexa.Benchmarks.Stores;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// hello-sequence-5 on DurableTask.AzureStorage against Azurite: Azurite's raw rates first (same client library, same
/// run), then the orchestrations in a hub of their own with the HTTP requests counted per storage service. With
/// <c>--tune</c>, one hub per setting changed from the defaults (partitions, extended sessions, max polling interval,
/// control-queue batch size), then one with every change that helped, each reported beside the defaults' run.
/// Each hub is warmed by a few instances that are not counted (partition leases taken, code jitted) and deleted after.
/// </summary>
internal static class AzureStorageStudy
{
    private const int Parallel = 32;

    /// <summary>The settings the study changes one at a time, each away from the runtime's defaults here.</summary>
    private static readonly (string Label, string Setting, string Value)[] Variants =
    [
        ("partitionCount=1", "storageProvider:partitionCount", "1"),
        ("partitionCount=8", "storageProvider:partitionCount", "8"),
        ("extendedSessionsEnabled=true", "extendedSessionsEnabled", "true"),
        ("maxQueuePollingInterval=100ms", "storageProvider:maxQueuePollingInterval", "00:00:00.100"),
        ("controlQueueBatchSize=8", "storageProvider:controlQueueBatchSize", "8"),
    ];

    public static async Task<Figures> RunAsync(BenchmarkRun run, string scenario, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var count = options.Count ?? (options.Tune ? 300 : 500);
        await using var azurite = await AzuriteEndpoint.OpenAsync(run.Log, cancellationToken);
        var (queueCycles, tableInserts) = await AzuriteProbe.MeasureAsync(azurite.ConnectionString, cancellationToken);
        await run.LogAsync($"raw Azurite: {queueCycles:F0} queue put+get+delete cycles/s, {tableInserts:F0} table inserts/s (8 concurrent each)");
        using var counter = new StorageCallCounter(azurite.Services);
        var figures = new Figures(scenario) { ["store"] = "azurite", ["azurite"] = azurite.Origin, ["settings"] = Describe(options.Settings) };
        var baseline = await RunHubAsync(run, azurite, counter, "configured", options.Settings, count, cancellationToken);
        figures.AddAll(baseline.Describe());
        if (options.Tune)
        {
            var results = new List<HubResult> { baseline };
            foreach (var (label, setting, value) in Variants)
            {
                results.Add(await RunHubAsync(run, azurite, counter, label, With(options.Settings, (setting, value)), count, cancellationToken));
            }

            // Every change that made it faster, one value per setting (the best), together.
            var helped = Variants.Zip(results.Skip(1))
                .Where(v => v.Second.Timings.PerSecond > baseline.Timings.PerSecond * 1.05)
                .GroupBy(v => v.First.Setting)
                .Select(g => g.MaxBy(v => v.Second.Timings.PerSecond))
                .Select(v => (v.First.Setting, v.First.Value))
                .ToArray();
            if (helped.Length > 1)
            {
                results.Add(await RunHubAsync(run, azurite, counter, "combined: " + string.Join(", ", helped.Select(h => $"{h.Setting.Split(':')[^1]}={h.Value}")), With(options.Settings, helped), count, cancellationToken));
            }

            figures["tuning"] = results.Select(r => r.DescribeAgainst(baseline)).ToList();
        }

        return figures
            .Add("rawAzuriteQueueCyclesPerSecond", queueCycles, 0)
            .Add("rawAzuriteTableInsertsPerSecond", tableInserts, 0);
    }

    private static async Task<HubResult> RunHubAsync(BenchmarkRun run, AzuriteEndpoint azurite, StorageCallCounter counter, string label, IReadOnlyDictionary<string, string> settings, int count, CancellationToken cancellationToken)
    {
        var hub = "Bench" + Guid.NewGuid().ToString("N")[..12];
        var configuration = settings.Select(s => new KeyValuePair<string, string?>("extensions:durableTask:" + s.Key, s.Value));
        await run.LogAsync($"[{label}] hub {hub}: starting the worker");
        await using var host = await RuntimeHost.StartAzureStorageAsync(azurite.ConnectionString, hub, configuration, cancellationToken);

        // Warm-up, not counted: the worker takes its partition leases, and the code paths are jitted.
        var warmUp = Stopwatch.StartNew();
        await InstanceBatch.ScheduleAsync(host.Client, nameof(HelloSequence), "x", "warm-", 16, Parallel, cancellationToken);
        await InstanceBatch.WaitUntilSettledAsync(host.Client, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(5), cancellationToken);
        await run.LogAsync($"[{label}] warmed in {warmUp.Elapsed.TotalSeconds:F1} s; starting {count}");

        var before = counter.Snapshot();
        var clock = Stopwatch.StartNew();
        await InstanceBatch.ScheduleAsync(host.Client, nameof(HelloSequence), "x", "seq-", count, Parallel, cancellationToken);
        await InstanceBatch.WaitUntilSettledAsync(host.Client, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(20), cancellationToken);
        var wall = clock.Elapsed;
        var after = counter.Snapshot();
        var calls = after.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        var timings = InstanceBatch.Timings([.. (await host.AllInstancesAsync(cancellationToken)).Where(i => i.InstanceId.StartsWith("seq-", StringComparison.Ordinal))]);
        var result = new HubResult(label, timings, wall, calls, count);
        await run.LogAsync($"[{label}] {timings.Instances} done in {timings.Seconds:F1} s: {timings.PerSecond} orchestrations/s, p50 {timings.P50Ms} ms, {result.CallsPerOrchestration:F1} storage calls per orchestration, {timings.Failed} not completed");
        return result;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, params (string Setting, string Value)[] changes)
    {
        var changed = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, value) in changes)
        {
            changed[setting] = value;
        }

        return changed;
    }

    private static string Describe(IReadOnlyDictionary<string, string> settings) =>
        settings.Count == 0 ? "defaults" : string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));

    /// <summary>One hub's run: its timings, and the storage calls made while it ran (worker and the client's 1/s progress query).</summary>
    private sealed record HubResult(string Label, BatchTimings Timings, TimeSpan Wall, IReadOnlyDictionary<string, long> Calls, int Count)
    {
        public double CallsPerOrchestration => Count == 0 ? 0 : (double)Calls.Values.Sum() / Count;

        public Figures Describe()
        {
            var figures = Timings.Describe(HelloSequenceScenario.ActivitiesPerInstance)
                .Add("wallSeconds", Wall.TotalSeconds, 2)
                .Add("storageCallsPerOrchestration", CallsPerOrchestration, 1);
            foreach (var (service, calls) in Calls.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                figures.Add($"{service}CallsPerOrchestration", Count == 0 ? 0 : (double)calls / Count, 1);
            }

            return figures;
        }

        public Figures DescribeAgainst(HubResult baseline)
        {
            var figures = new Figures { ["setting"] = Label };
            figures.AddAll(Describe());
            return figures.Add("changePercent", baseline.Timings.PerSecond <= 0 ? 0 : 100 * ((Timings.PerSecond / baseline.Timings.PerSecond) - 1), 0);
        }
    }
}
