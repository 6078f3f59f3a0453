using System.Diagnostics;
using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>fan-out-100: one orchestration calling 100 activities in parallel, repeated N times (default 50) one after another.</summary>
internal sealed class FanOutBenchmark : IBenchmarkScenario
{
    public string Name => "fan-out-100";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var repeats = options.Count ?? 50;
        var rawCommits = EngineBenchmarkHost.MeasureRawCommitsPerSecond(options.WorkDirectory);
        await using var host = await EngineBenchmarkHost.StartAsync(Path.Combine(options.WorkDirectory, "store"));
        var durations = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            var one = Stopwatch.StartNew();
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(BenchFanOut), 100, cancellationToken: cancellationToken);
            var done = await host.Client.WaitForInstanceCompletionAsync(id, true, cancellationToken);
            if (done.ReadOutputAs<int>() != 100)
            {
                throw new InvalidOperationException($"Fan-out instance {id} ended {done.RuntimeStatus} without 100 results.");
            }

            durations.Add(one.Elapsed.TotalMilliseconds);
        }

        total.Stop();
        var sorted = durations.Order().ToArray();
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["repeats"] = repeats,
            ["activitiesPerSecond"] = Math.Round(100 * repeats / total.Elapsed.TotalSeconds, 1),
            ["p50OrchestrationMs"] = Math.Round(HelloSequenceBenchmark.Percentile(sorted, 0.5), 1),
            ["p99OrchestrationMs"] = Math.Round(HelloSequenceBenchmark.Percentile(sorted, 0.99), 1),
            ["rawStoreCommitsPerSecond"] = Math.Round(rawCommits, 0),
            ["peakRssMb"] = EngineBenchmarkHost.PeakRssMb(),
        };
    }
}
