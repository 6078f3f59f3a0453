using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// Writes a ledger entry once per key: the write is a claim of <c>ledger:{instance}:{step}</c> in the store (atomic),
/// so a second delivery finds it claimed and changes nothing; repeats are recorded under <c>ledger-repeat:…</c> so a
/// test can see that at-least-once delivery happened and was absorbed.
/// </summary>
internal sealed class BenchLedgerWrite(DurableTaskClient client) : TaskActivity<LedgerEntry, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, LedgerEntry input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var key = $"ledger:{input.InstanceId}:{input.Step}";
        var body = System.Text.Encoding.UTF8.GetBytes($"{input.Step}:{input.Amount}");
        if (!await client.TryAddPayloadAsync(new StoredPayload(key, body), context.CancellationToken))
        {
            await client.PutPayloadAsync(new StoredPayload($"ledger-repeat:{input.InstanceId}:{input.Step}:{Guid.NewGuid():N}", body), context.CancellationToken);
        }

        return $"{input.Step}:{input.Amount}";
    }
}
