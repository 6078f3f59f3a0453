namespace DialNexa.Benchmarks.Scenarios;

/// <summary>The scenarios <c>--scenario NAME</c> can run, in the order <c>--help</c> lists them.</summary>
internal static class BenchmarkScenarios
{
    public static IReadOnlyList<IBenchmarkScenario> All { get; } =
    [
        new HelloSequenceScenario(),
        new FanOutScenario(),
        new WaitingInstancesScenario(),
        new RedactionScenario(),
        new CallHandoffScenario(),
        new SlackApprovalScenario(),
        new ReviewQueueScenario(),
        new ConsoleScenario(),
    ];

    public static IBenchmarkScenario? Find(string? name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
