using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// Three ledger writes in sequence, each keyed by instance and step (as provider writes are keyed by call ID): the
/// shape the multi-host kill test runs to show that activities delivered twice take effect once.
/// </summary>
internal sealed class BenchLedger : TaskOrchestrator<string, string[]>
{
    public const int Steps = 3;

    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        var results = new string[Steps];
        for (var step = 0; step < Steps; step++)
        {
            results[step] = await context.CallActivityAsync<string>(nameof(BenchLedgerWrite), new LedgerEntry(context.InstanceId, step, input));
        }

        return results;
    }
}
