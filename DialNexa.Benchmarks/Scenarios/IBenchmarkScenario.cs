using DialNexa.Benchmarks.Measuring;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>One benchmark scenario: runs once in its work folder and returns its figures.</summary>
internal interface IBenchmarkScenario
{
    /// <summary>The <c>--scenario</c> name.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>: what it measures and its default size.</summary>
    string Summary { get; }

    /// <summary>Whether <c>--store azurite</c> applies.</summary>
    bool RunsOnAzurite => false;

    /// <summary>Runs the scenario; progress goes to the run's log, the figures become the last stdout line.</summary>
    Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken);
}
