using Microsoft.DurableTask;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Gusto;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Carries out one planned action, once in effect: the provider client looks before it writes and dedupes by the call
/// ID and action, so a rerun after a crash finds the earlier effect instead of repeating it. Retries of transient
/// faults live in the client's resilience pipeline, not here. A company bank account finance typed on the approval page
/// is forgotten once its action has settled (sent, refused, or rendered in dry run); only a transient failure keeps it
/// for the next attempt. (A host without approval pages registers no entries, and has none to forget.)
/// </summary>
internal sealed class ExecuteProviderActionActivity(ProviderDirectory providers, IGustoBankAccountEntries? bankAccounts = null) : TaskActivity<PlannedAction, ProviderActionResult>
{
    public override async Task<ProviderActionResult> RunAsync(TaskActivityContext context, PlannedAction input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await providers.ExecuteAsync(input.Request, CancellationToken.None);
        if (bankAccounts is not null && input.Kind == ProviderActionKind.GustoCreateCompanyBankAccount && result.Outcome != ProviderActionOutcome.Transient)
        {
            await bankAccounts.ForgetAsync(input.Request.CallId, CancellationToken.None);
        }

        return result;
    }
}
