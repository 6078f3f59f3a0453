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
        return extractor.Extract(await transcripts.ReadMergedAsync(input.CallId, input.DeliveryHashes, CancellationToken.None));
    }
}
