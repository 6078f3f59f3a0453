using System.Text.Json;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Scenarios;

namespace DialNexa.Benchmarks.Cli;

/// <summary>
/// Runs one scenario (or <c>--runs N</c> of them, each in a fresh process) and prints its figures as the last stdout
/// line, with the machine's beside them: processors, load averages at start and end, peak RSS.
/// </summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(BenchmarkArguments.Usage);
            await output.WriteLineAsync("scenarios:");
            foreach (var scenario in BenchmarkScenarios.All)
            {
                await output.WriteLineAsync($"  {scenario.Name,-18}{scenario.Summary}");
            }

            return args.Length == 0 ? 2 : 0;
        }

        var options = BenchmarkArguments.Parse(args, out var problem);
        if (options is null)
        {
            await error.WriteLineAsync($"bench: {problem} --help lists the options.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (options.Runs > 1)
        {
            var summary = await RepeatedRuns.RunAsync(args, options, error, cancel.Token);
            await output.WriteLineAsync(JsonSerializer.Serialize(summary));
            return summary.ContainsKey("failedRuns") ? 1 : 0;
        }

        var figures = await RunOnceAsync(options, error, cancel.Token);
        await output.WriteLineAsync(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static async Task<Figures> RunOnceAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var scenario = BenchmarkScenarios.Find(options.Scenario)!;
        var directory = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dialnexa-bench", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var loadAtStart = Machine.LoadAverage();
        var clock = Stopwatch.StartNew();
        try
        {
            var figures = await scenario.RunAsync(new BenchmarkRun(options, directory, log), cancellationToken);
            var loadAtEnd = Machine.LoadAverage();
            return figures.AddAll(new Figures()
                .Add("runSeconds", clock.Elapsed.TotalSeconds, 1)
                .Add("peakRssMb", Machine.PeakRssMb(), 1)
                .Add("processorCount", Environment.ProcessorCount, 0)
                .Add("loadAverage1mAtStart", loadAtStart.One, 2)
                .Add("loadAverage1mAtEnd", loadAtEnd.One, 2)
                .Add("loadAverage5mAtEnd", loadAtEnd.Five, 2));
        }
        finally
        {
            if (options.WorkDirectory is null)
            {
                TryDelete(directory);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder under the temp directory; one left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
