namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>One benchmark scenario: runs in a work folder and returns its figures (printed as the last stdout line, one JSON object).</summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log);
}
