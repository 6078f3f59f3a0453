using DialNexa.Benchmarks.Cli;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>What a scenario gets: the options, a scratch folder of its own, and where progress goes.</summary>
internal sealed record BenchmarkRun(BenchmarkOptions Options, string WorkDirectory, TextWriter Log)
{
    /// <summary>Writes one progress line (invariant culture).</summary>
    public Task LogAsync(FormattableString line) => Log.WriteLineAsync(FormattableString.Invariant(line));
}
