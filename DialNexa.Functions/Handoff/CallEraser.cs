using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Inbox;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Erases a finished call: its handoff, late-delivery and action re-run instances, and every value the app keeps for it, found by
/// walking the declared kinds (<see cref="AppDataKinds.All"/>): the call's own values by its whole ID (never a prefix,
/// so erasing <c>call_a</c> leaves <c>call_a:b</c> alone), and its entries in the shared indexes. A call still running
/// (or a late delivery of it) is refused: terminate it first. Used by <c>DELETE /api/calls/{callId}</c> and the
/// retention sweep.
/// </summary>
internal sealed partial class CallEraser(IDurableClientSource clients, IAppDataStore store, CallInbox inbox, ActionReruns reruns, ILogger<CallEraser> logger)
{
    public async Task<(CallErasure? Erased, string? Refusal)> EraseAsync(string callId, CancellationToken cancellationToken)
    {
        var client = clients.Client;
        var call = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (call is null || call.Name != nameof(CallHandoffOrchestrator))
        {
            return (null, null);
        }

        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        var instances = new List<OrchestrationMetadata> { call };
        foreach (var hash in ledger?.LateHashes ?? [])
        {
            if (await client.GetInstanceAsync(LateDeliveries.InstanceIdFor(callId, hash), getInputsAndOutputs: false, cancellationToken) is { } late)
            {
                instances.Add(late);
            }
        }

        instances.AddRange((await reruns.ListAsync(callId, cancellationToken)).Select(r => r.Instance).OfType<OrchestrationMetadata>());
        if (instances.FirstOrDefault(i => !i.IsCompleted) is { } running)
        {
            return (null, $"'{running.InstanceId}' is {running.RuntimeStatus}; terminate it first (POST /runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(running.InstanceId)}/terminate).");
        }

        var purged = 0;
        foreach (var instance in instances)
        {
            purged += (await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        var deleted = 0;
        foreach (var kind in AppDataKinds.All)
        {
            switch (kind.Placement)
            {
                case AppDataPlacement.PerCall:
                    deleted += await store.DeleteScopeAsync(kind, callId, cancellationToken);
                    break;
                case AppDataPlacement.Index:
                    foreach (var instance in instances)
                    {
                        deleted += await store.DeleteAsync(AppDataKey.InIndex(kind, instance.InstanceId), cancellationToken) ? 1 : 0;
                    }

                    break;
                case AppDataPlacement.KeptAfterErasure:
                    break;
                default:
                    throw new InvalidOperationException($"App data kind '{kind.Name}' has a placement erasure does not know: {kind.Placement}.");
            }
        }

        Erased(logger, callId, purged, deleted);
        return (new CallErasure(callId, purged, deleted), null);
    }

    [LoggerMessage(2400, LogLevel.Information, "Call {CallId} erased: {Instances} instances purged, {Values} stored values deleted.")]
    private static partial void Erased(ILogger logger, string callId, int instances, int values);
}
