using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Retention;

/// <summary>
/// Erases the app data of calls whose handoff instance is gone: purged through the management API by a filter, or on
/// the Functions host, whose management API this app does not serve. A call is found by its inbox ledger; only a closed
/// ledger counts (the handoff ran to its end, or the inbox reconciler closed it), since an open one without an instance
/// is a handoff whose start failed, which the reconciler starts. Erasing leaves the call's keyed digest, as
/// <c>DELETE /api/calls/{id}</c> does. Run with the retention sweep, whether retention is on or not.
/// </summary>
internal sealed partial class OrphanedCallSweep(IAppDataStore store, CallInbox inbox, IDurableClientSource clients, CallEraser eraser, ILogger<OrphanedCallSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        await foreach (var callId in store.ListAllScopesAsync(AppDataKinds.InboxLedger, CallInbox.LedgerItem, cancellationToken))
        {
            if (await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                candidates.Add(callId);
            }
        }

        var erased = 0;
        foreach (var callId in candidates)
        {
            if (await inbox.ReadLedgerAsync(callId, cancellationToken) is { IsClosed: true } && await eraser.EraseRemainsAsync(callId, cancellationToken) is not null)
            {
                erased++;
            }
        }

        if (erased > 0)
        {
            Swept(logger, erased);
        }

        return erased;
    }

    [LoggerMessage(2403, LogLevel.Information, "{Count} calls whose instance was purged had their app data erased.")]
    private static partial void Swept(ILogger logger, int count);
}
