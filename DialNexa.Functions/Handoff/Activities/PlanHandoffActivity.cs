using Microsoft.DurableTask;
using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Applies the configured policy (see <see cref="HandoffPolicy"/>); an activity so configuration is read outside replay.</summary>
internal sealed class PlanHandoffActivity(IOptions<HandoffOptions> options, ProviderDirectory providers) : TaskActivity<PlanHandoffInput, HandoffPlan>
{
    public override Task<HandoffPlan> RunAsync(TaskActivityContext context, PlanHandoffInput input)
    {
        var live = providers.All.Where(p => p.Mode == ProviderMode.Live).Select(p => p.Name).ToHashSet();
        return Task.FromResult(HandoffPolicy.Plan(input.Call, input.Facts, input.Match, options.Value, live, input.Links));
    }
}
