using System.Globalization;
using System.Text.Json;
using DialNexa.DurableTask.Sqlite;
using DialNexa.DurableTask.Sqlite.Tests.Benchmarks;
using DialNexa.DurableTask.Sqlite.Tests.Hosting;

// The test assembly doubles as a console: "bench <scenario>" runs a benchmark (the last stdout line is one JSON object
// with its figures); "host" runs the kill test's worker in a child process. xunit does not use this entry point.
return args switch
{
    ["bench", var scenario, .. var rest] => await BenchAsync(scenario, rest),
    ["host", .. var rest] => await KillTestWorkload.HostAsync(
        Option(rest, "--db") ?? throw new ArgumentException("host: --db <file> is required."),
        Option(rest, "--effects") ?? throw new ArgumentException("host: --effects <folder> is required."),
        int.Parse(Option(rest, "--schedule") ?? "0", CultureInfo.InvariantCulture),
        rest.Contains("--until-done")),
    _ => Usage(),
};

static async Task<int> BenchAsync(string name, string[] rest)
{
    IBenchmarkScenario[] scenarios = [new HelloSequenceBenchmark(), new WaitingInstancesBenchmark()];
    var scenario = scenarios.FirstOrDefault(s => s.Name == name);
    if (scenario is null)
    {
        return Usage();
    }

    var directory = Option(rest, "--dir") ?? Path.Combine(Path.GetTempPath(), "dtsqlite-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    var options = new BenchmarkOptions(
        Option(rest, "--count") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : null,
        Enum.Parse<SqliteSynchronousMode>(Option(rest, "--synchronous") ?? "Full", ignoreCase: true),
        directory,
        Option(rest, "--concurrency") is { } concurrency ? int.Parse(concurrency, CultureInfo.InvariantCulture) : null);
    try
    {
        var figures = await scenario.RunAsync(options, Console.Out);
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }
    finally
    {
        if (Option(rest, "--dir") is null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

static string? Option(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: bench hello-sequence-5|waiting-100k [--count N] [--synchronous Full|Normal] [--concurrency N] [--dir folder]");
    Console.Error.WriteLine("       host --db <file> --effects <folder> [--schedule N] [--until-done]");
    return 2;
}
