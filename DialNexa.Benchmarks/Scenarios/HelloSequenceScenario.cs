using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Runtime;
using DialNexa.Benchmarks.Stores;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// hello-sequence-5: N orchestrations of five chained activities, all started at once, on DurableTask.Core's worker
/// through the self-host. Embedded: the SQLite provider with synchronous=FULL (10,000 instances), the raw SQLite commit
/// rate measured first in the same folder with the same settings. <c>--store azurite</c>: DurableTask.AzureStorage
/// (<see cref="AzureStorageStudy"/>).
/// </summary>
internal sealed class HelloSequenceScenario : IBenchmarkScenario
{
    /// <summary>Activities each HelloSequence instance runs.</summary>
    public const int ActivitiesPerInstance = 5;

    public string Name => "hello-sequence-5";

    public string Summary => "five chained activities per orchestration: embedded (10,000, synchronous=FULL) or --store azurite (500; --tune: 300 per setting)";

    public bool RunsOnAzurite => true;

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Options.OnAzurite)
        {
            return await AzureStorageStudy.RunAsync(run, Name, cancellationToken);
        }

        var count = run.Options.Count ?? 10_000;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var host = await RuntimeHost.StartEmbeddedAsync(Path.Combine(run.WorkDirectory, "store"), run.Options, cancellationToken);
        var before = SqliteProviderCounters.Read(host.Sqlite!);
        var (cpuBefore, writtenBefore) = (Machine.CpuTime(), Machine.WrittenBytes());
        var clock = Stopwatch.StartNew();
        await InstanceBatch.ScheduleAsync(host.Client, nameof(HelloSequence), "x", "seq-", count, parallel: 64, cancellationToken);
        await run.LogAsync($"started {count} in {clock.Elapsed.TotalSeconds:F2} s");
        await InstanceBatch.WaitUntilSettledAsync(host.Client, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), cancellationToken);
        var wall = clock.Elapsed;
        var (cpu, written) = (Machine.CpuTime() - cpuBefore, Machine.WrittenBytes() - writtenBefore);
        var store = SqliteProviderCounters.Read(host.Sqlite!).Since(before);
        var timings = InstanceBatch.Timings(await host.AllInstancesAsync(cancellationToken));
        await run.LogAsync($"{timings.Instances} done in {timings.Seconds:F2} s: {timings.PerSecond} orchestrations/s, p50 {timings.P50Ms} ms, {timings.Failed} not completed");
        return new Figures(Name, synchronous)
            .AddAll(timings.Describe(ActivitiesPerInstance))
            .Add("wallSeconds", wall.TotalSeconds, 3)
            .Add("cpuMsPerOrchestration", cpu.TotalMilliseconds / count, 3)
            .Add("diskKbPerOrchestration", written / 1024.0 / count, 2)
            .AddAll(store.Describe("Orchestration", count, wall))
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }
}
