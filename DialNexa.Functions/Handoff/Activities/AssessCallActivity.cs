using DialNexa.Functions.Calls;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Reads the call, looks the caller up and plans the handoff in one step (revision 2 of the handoff, see
/// <see cref="CallHandoffInput.CurrentRevision"/>): the work of <see cref="ExtractFactsActivity"/>,
/// <see cref="MatchCallerActivity"/> and <see cref="PlanHandoffActivity"/>, which calls of earlier revisions run one
/// after the other. None of the three writes anything, so running them again together on a retry is safe; the lookups
/// are reads.
/// </summary>
internal sealed class AssessCallActivity(IFactExtractor extractor, CallTranscripts transcripts, ProviderDirectory providers, IOptions<HandoffOptions> options)
    : TaskActivity<AssessCallInput, CallAssessment>
{
    public override async Task<CallAssessment> RunAsync(TaskActivityContext context, AssessCallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = await transcripts.ReadMergedAsync(input.CallId, input.DeliveryHashes, CancellationToken.None);
        var facts = extractor.Extract(call);
        var match = await MatchCallerActivity.MatchAsync(providers, facts, call.CallerPhone);
        var plan = PlanHandoffActivity.Plan(options.Value, providers, new PlanHandoffInput(call, facts, match, input.Links));
        return new CallAssessment(facts, match, plan);
    }
}
