namespace DialNexa.Functions.Cli;

/// <summary>
/// <c>bench</c>: the benchmarks are their own project, so the app a user deploys carries no benchmark orchestrations;
/// this verb says where they went instead of starting the app.
/// </summary>
internal sealed class BenchMovedCommand : ICliCommand
{
    public string Name => "bench";

    public string Summary => "say how to run the benchmarks (their own project)";

    public string Help => """
        Usage: bench [arguments]

        The benchmarks are their own project, so the app you deploy carries no benchmark code. This command prints the
        command that runs them, with your arguments:
          dotnet run -c Release --project DialNexa.Benchmarks -- [arguments]

        Exit code: 2 (nothing was run here).
        """;

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync($"The benchmarks are their own project now: dotnet run -c Release --project DialNexa.Benchmarks -- {string.Join(' ', args)}");
        return ExitCodes.Usage;
    }
}
