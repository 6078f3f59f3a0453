using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// The orchestrations the benchmarks run (the published HelloSequence5 shape and a fan-out), registered in the app
/// too so a running host can be measured and can finish benchmark work left by a killed host.
/// </summary>
internal static class BenchmarkFunctions
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<BenchHelloSequence>()
        .AddOrchestrator<BenchFanOut>()
        .AddOrchestrator<BenchWaitForEvent>()
        .AddOrchestrator<BenchLedger>()
        .AddActivity<BenchEcho>()
        .AddActivity<BenchLedgerWrite>();
}
