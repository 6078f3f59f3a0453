using DialNexa.Functions.Calls;
using Microsoft.DurableTask;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Looks the caller up in every configured provider (reads only) and scores the candidates.</summary>
internal sealed class MatchCallerActivity(ProviderDirectory providers) : TaskActivity<MatchCallerInput, CallerMatch>
{
    public override async Task<CallerMatch> RunAsync(TaskActivityContext context, MatchCallerInput input)
    {
        var lookup = new CustomerLookup(
            input.Facts.Text(FactNames.Email),
            input.Facts.Text(FactNames.Phone) ?? input.CallerPhone,
            input.Facts.Text(FactNames.CustomerName),
            input.Facts.Text(FactNames.AccountNumber));
        var results = await Task.WhenAll(providers.All.Select(async p => p.IsConfigured
            ? await p.FindCustomerAsync(lookup, CancellationToken.None)
            : new CustomerLookupResult(p.Name, CustomerLookupStatus.NotConfigured, [], $"No credentials for {p.Name}: not looked up.")));
        return CallerMatcher.Score(lookup, results);
    }
}
