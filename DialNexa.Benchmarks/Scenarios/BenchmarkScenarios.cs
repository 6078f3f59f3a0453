namespace DialNexa.Functions.Benchmarks;

/// <summary>The scenarios `bench --scenario NAME` can run.</summary>
internal static class BenchmarkScenarios
{
    public static IReadOnlyList<IBenchmarkScenario> All { get; } =
    [
        new HelloSequenceBenchmark(),
        new FanOutBenchmark(),
        new WaitingInstancesBenchmark(),
        new RedactionBenchmark(),
        new CallHandoffBenchmark(),
        new SlackApprovalBenchmark(),
        new ReviewQueueBenchmark(),
    ];
}
