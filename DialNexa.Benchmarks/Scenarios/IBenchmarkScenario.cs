namespace DialNexa.Functions.Benchmarks;

/// <summary>One benchmark scenario; it returns the figures printed as the last JSON line.</summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    /// <summary>Runs the scenario. Progress goes to <paramref name="log"/>; the result becomes one JSON line.</summary>
    Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken);
}
