using DialNexa.Durable;

namespace DialNexa.Functions.Hosting;

/// <summary>Every orchestrator and activity of the app, registered with the durable engine.</summary>
internal static class FunctionRegistrations
{
    public static void Register(DurableTaskRegistry registry)
    {
        Handoff.HandoffServiceCollectionExtensions.Register(registry);
        Benchmarks.BenchmarkFunctions.Register(registry);
    }
}
