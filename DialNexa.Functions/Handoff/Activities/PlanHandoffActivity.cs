using Microsoft.DurableTask;
using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Applies the configured policy (see <see cref="HandoffPolicy"/>); an activity so configuration is read outside replay.</summary>
internal sealed class PlanHandoffActivity(IOptions<HandoffOptions> options, ProviderDirectory providers) : TaskActivity<PlanHandoffInput, HandoffPlan>
{
    public override Task<HandoffPlan> RunAsync(TaskActivityContext context, PlanHandoffInput input) =>
        Task.FromResult(Plan(options.Value, providers, input));

    /// <summary>The policy applied to the call, with the providers that are live now.</summary>
    internal static HandoffPlan Plan(HandoffOptions options, ProviderDirectory providers, PlanHandoffInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var live = providers.All.Where(p => p.Mode == ProviderMode.Live).Select(p => p.Name).ToHashSet();
        return HandoffPolicy.Plan(input.Call, input.Facts, input.Match, options, live, input.Links);
    }
}
