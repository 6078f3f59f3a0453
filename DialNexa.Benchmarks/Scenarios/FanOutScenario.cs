using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Runtime;
using DialNexa.Benchmarks.Stores;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// fan-out-100: one orchestration calling 100 activities at once and gathering them, repeated N times (default 50) one
/// after another on the embedded provider (synchronous=FULL); the first fan-out warms the code and is not counted.
/// </summary>
internal sealed class FanOutScenario : IBenchmarkScenario
{
    private const int Width = 100;

    public string Name => "fan-out-100";

    public string Summary => "one orchestration fanning out to 100 activities and back, 50 times in turn (activities/s, p50 per fan-out)";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var repeats = run.Options.Count ?? 50;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var host = await RuntimeHost.StartEmbeddedAsync(Path.Combine(run.WorkDirectory, "store"), run.Options, cancellationToken);
        await FanOutOnceAsync(host.Client, "warm-up", cancellationToken);

        var before = SqliteProviderCounters.Read(host.Sqlite!);
        var durations = new List<double>(repeats);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            var one = Stopwatch.StartNew();
            await FanOutOnceAsync(host.Client, InstanceBatch.InstanceId("fan-", i), cancellationToken);
            durations.Add(one.Elapsed.TotalMilliseconds);
        }

        var wall = total.Elapsed;
        var store = SqliteProviderCounters.Read(host.Sqlite!).Since(before);
        var (p50, p99, max) = Percentiles.Summary(durations, 1);
        await run.LogAsync($"{repeats} fan-outs of {Width} in {wall.TotalSeconds:F2} s: {Width * repeats / wall.TotalSeconds:F0} activities/s, p50 {p50} ms");
        return new Figures(Name, synchronous)
            .Add("fanOuts", repeats, 0)
            .Add("width", Width, 0)
            .Add("activitiesPerSecond", Width * repeats / wall.TotalSeconds, 1)
            .Add("p50FanOutMs", p50, 1)
            .Add("p99FanOutMs", p99, 1)
            .Add("maxFanOutMs", max, 1)
            .AddAll(store.Describe("FanOut", repeats, wall))
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }

    private static async Task FanOutOnceAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(FanOut)), Width, new StartOrchestrationOptions(instanceId), cancellationToken);
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<int>() != Width)
        {
            throw new InvalidOperationException($"Fan-out {instanceId} ended {done.RuntimeStatus} without {Width} results.");
        }
    }
}
