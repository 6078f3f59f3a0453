using DialNexa.Functions.Calls;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Extracts the finance context from the call's redacted deliveries, read back from the store and merged as the handoff
/// merged them: the transcript is read here, not carried through the orchestration's history.
/// </summary>
internal sealed class ExtractFactsActivity(IFactExtractor extractor, CallTranscripts transcripts) : TaskActivity<ExtractFactsInput, CallFacts>
{
    public override async Task<CallFacts> RunAsync(TaskActivityContext context, ExtractFactsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RedactedCall? call = null;
        foreach (var hash in input.DeliveryHashes)
        {
            var delivery = await transcripts.ReadDeliveryAsync(input.CallId, hash, CancellationToken.None)
                ?? throw new InvalidOperationException($"Delivery {hash} of call {input.CallId} has no redacted form to extract from; it was erased.");
            call = call is null ? delivery : CallMerge.Merge(call, delivery);
        }

        return extractor.Extract(call ?? new RedactedCall { CallId = input.CallId });
    }
}
