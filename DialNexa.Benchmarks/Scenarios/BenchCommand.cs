using System.Text.Json;
using DialNexa.Functions.Cli;

namespace DialNexa.Functions.Benchmarks;

/// <summary>`bench --scenario NAME [--count N] [--rate N] [--store embedded|azurite]`: runs a scenario, last line one JSON object.</summary>
internal sealed class BenchCommand : ICliCommand
{
    public string Name => "bench";

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? scenarioName = null;
        int? count = null;
        int? rate = null;
        var store = "embedded";
        string? workDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scenario" when value is not null: scenarioName = value; i++; break;
                case "--count" when int.TryParse(value, out var n) && n > 0: count = n; i++; break;
                case "--rate" when int.TryParse(value, out var r) && r > 0: rate = r; i++; break;
                case "--store" when value is not null: store = value; i++; break;
                case "--work-dir" when value is not null: workDir = value; i++; break;
                default:
                    await error.WriteLineAsync($"bench: unknown or incomplete option '{args[i]}'. Usage: bench --scenario NAME [--count N] [--rate N] [--store embedded|azurite] [--work-dir PATH]");
                    return 2;
            }
        }

        var names = string.Join(", ", BenchmarkScenarios.All.Select(s => s.Name));
        var scenario = BenchmarkScenarios.All.FirstOrDefault(s => string.Equals(s.Name, scenarioName, StringComparison.OrdinalIgnoreCase));
        if (scenario is null)
        {
            await error.WriteLineAsync($"bench: --scenario must be one of: {names}");
            return 2;
        }

        var workDirectory = workDir ?? Path.Combine(Path.GetTempPath(), "dialnexa-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workDirectory);
        try
        {
            var figures = await scenario.RunAsync(new BenchmarkOptions(count, store, workDirectory) { Rate = rate }, error, CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(figures));
            return 0;
        }
        finally
        {
            if (workDir is null)
            {
                TryDelete(workDirectory);
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
            // A benchmark's scratch folder in the temp directory; leaving it behind is harmless.
        }
    }
}
