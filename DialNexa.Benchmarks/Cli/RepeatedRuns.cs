using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialNexa.Benchmarks.Cli;

/// <summary>
/// <c>--runs N</c>: the same command N times, each in a fresh process (no JIT, cache or heap carried from one run to the
/// next), then one JSON object with each numeric figure's median, min and max, and every run's own line.
/// </summary>
internal static class RepeatedRuns
{
    public static async Task<Dictionary<string, object?>> RunAsync(IReadOnlyList<string> args, BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var childArgs = WithoutRuns(args);
        var runs = new List<JsonObject>();
        var failed = 0;
        for (var run = 1; run <= options.Runs; run++)
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"== run {run} of {options.Runs}"));
            var line = await RunChildAsync(childArgs, log, cancellationToken);
            if (line is null)
            {
                failed++;
                continue;
            }

            runs.Add(line);
            await log.WriteLineAsync(line.ToJsonString());
        }

        var summary = new Dictionary<string, object?>
        {
            ["scenario"] = options.Scenario,
            ["runs"] = runs.Count,
            ["median"] = Aggregate(runs, Median, keepText: true),
            ["min"] = Aggregate(runs, values => values.Min(), keepText: false),
            ["max"] = Aggregate(runs, values => values.Max(), keepText: false),
            ["each"] = runs,
        };
        if (failed > 0)
        {
            summary["failedRuns"] = failed;
        }

        return summary;
    }

    private static List<string> WithoutRuns(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--runs")
            {
                i++;
                continue;
            }

            kept.Add(args[i]);
        }

        return kept;
    }

    /// <summary>This program again with <paramref name="args"/>; its stderr is passed on, its last stdout line parsed.</summary>
    private static async Task<JsonObject?> RunChildAsync(IReadOnlyList<string> args, TextWriter log, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable to repeat the run.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(RepeatedRuns).Assembly.Location);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        child.BeginErrorReadLine();
        string? last = null;
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                last = line;
            }
        }

        try
        {
            await child.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }

        if (child.ExitCode != 0 || last is null)
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"the run exited with {child.ExitCode}; it is left out of the medians"));
            return null;
        }

        return JsonNode.Parse(last) as JsonObject;
    }

    private static Dictionary<string, object?> Aggregate(List<JsonObject> runs, Func<double[], double> combine, bool keepText)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (runs.Count == 0)
        {
            return result;
        }

        foreach (var (name, first) in runs[0])
        {
            if (first is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                var values = runs.Select(r => r[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : double.NaN).Where(v => !double.IsNaN(v)).ToArray();
                result[name] = Math.Round(combine(values), 3);
            }
            else if (keepText)
            {
                result[name] = first?.DeepClone();
            }
        }

        return result;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
