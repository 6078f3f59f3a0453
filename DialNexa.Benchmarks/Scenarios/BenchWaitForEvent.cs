using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>Waits for one external event, like a call waiting for finance approval.</summary>
internal sealed class BenchWaitForEvent : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.WaitForExternalEvent<string>("Go");
}
