using DialNexa.Functions.Calls;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Extracts the finance context from the redacted call.</summary>
internal sealed class ExtractFactsActivity(IFactExtractor extractor) : TaskActivity<RedactedCall, CallFacts>
{
    public override Task<CallFacts> RunAsync(TaskActivityContext context, RedactedCall input) => Task.FromResult(extractor.Extract(input));
}
