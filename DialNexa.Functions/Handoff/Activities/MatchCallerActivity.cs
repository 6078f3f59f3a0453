using DialNexa.Functions.Calls;
using Microsoft.DurableTask;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Looks the caller up in every configured provider (reads only) and scores the candidates.</summary>
internal sealed class MatchCallerActivity(ProviderDirectory providers) : TaskActivity<MatchCallerInput, CallerMatch>
{
    public override Task<CallerMatch> RunAsync(TaskActivityContext context, MatchCallerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MatchAsync(providers, input.Facts, input.CallerPhone);
    }

    /// <summary>The caller as the call describes them, looked up in every configured provider and scored.</summary>
    internal static async Task<CallerMatch> MatchAsync(ProviderDirectory providers, CallFacts facts, string? callerPhone)
    {
        var lookup = new CustomerLookup(
            facts.Text(FactNames.Email),
            facts.Text(FactNames.Phone) ?? callerPhone,
            facts.Text(FactNames.CustomerName),
            facts.Text(FactNames.AccountNumber));
        var results = await Task.WhenAll(providers.All.Select(async p => p.IsConfigured
            ? await p.FindCustomerAsync(lookup, CancellationToken.None)
            : new CustomerLookupResult(p.Name, CustomerLookupStatus.NotConfigured, [], $"No credentials for {p.Name}: not looked up.")));
        return CallerMatcher.Score(lookup, results);
    }
}
