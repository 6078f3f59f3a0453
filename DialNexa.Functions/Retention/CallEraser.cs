using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Inbox;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Retention;

/// <summary>
/// Erases a finished call: its handoff, late-delivery and action re-run instances, and every value the app keeps for it, found by
/// walking the declared kinds (<see cref="AppDataKinds.All"/>): the call's own values by its whole ID (never a prefix,
/// so erasing <c>call_a</c> leaves <c>call_a:b</c> alone), and its entries in the shared indexes. First it remembers the
/// call as erased (a keyed digest, <see cref="ErasedCalls"/>), so an old signed delivery cannot create it again. A call
/// still running (or a late delivery of it) is refused: terminate it first. Used by <c>DELETE /api/calls/{callId}</c>,
/// the retention sweep, the management API's purge, and the sweep of calls whose instance is gone.
/// </summary>
internal sealed partial class CallEraser(IDurableClientSource clients, IAppDataStore store, CallInbox inbox, ActionReruns reruns, ErasedCalls erasedCalls, ILogger<CallEraser> logger)
{
    public async Task<(CallErasure? Erased, string? Refusal)> EraseAsync(string callId, CancellationToken cancellationToken)
    {
        var client = clients.Client;
        var call = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (call is null || call.Name != nameof(CallHandoffOrchestrator))
        {
            return (null, null);
        }

        var instances = new List<OrchestrationMetadata> { call };
        instances.AddRange(await FollowUpInstancesAsync(callId, cancellationToken));
        if (instances.FirstOrDefault(i => !i.IsCompleted) is { } running)
        {
            return (null, $"'{running.InstanceId}' is {running.RuntimeStatus}; terminate it first (POST /runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(running.InstanceId)}/terminate).");
        }

        return (await EraseAllAsync(callId, instances, cancellationToken), null);
    }

    /// <summary>
    /// Erases what is left of a call whose handoff instance is already gone (purged through the management API, or by
    /// a host this app does not control): its finished late deliveries and its app data. Refused (null) while a late
    /// delivery of it still runs.
    /// </summary>
    public async Task<CallErasure?> EraseRemainsAsync(string callId, CancellationToken cancellationToken)
    {
        if (await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return null;
        }

        var instances = await FollowUpInstancesAsync(callId, cancellationToken);
        return instances.Any(i => !i.IsCompleted) ? null : await EraseAllAsync(callId, instances, cancellationToken);
    }

    /// <summary>The instances a call's handoff left behind: its late deliveries and the re-runs asked for from review.</summary>
    private async Task<List<OrchestrationMetadata>> FollowUpInstancesAsync(string callId, CancellationToken cancellationToken)
    {
        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        var instances = new List<OrchestrationMetadata>();
        foreach (var hash in ledger?.LateHashes ?? [])
        {
            if (await clients.Client.GetInstanceAsync(LateDeliveries.InstanceIdFor(callId, hash), getInputsAndOutputs: false, cancellationToken) is { } late)
            {
                instances.Add(late);
            }
        }

        instances.AddRange((await reruns.ListAsync(callId, cancellationToken)).Select(r => r.Instance).OfType<OrchestrationMetadata>());
        return instances;
    }

    private async Task<CallErasure> EraseAllAsync(string callId, List<OrchestrationMetadata> instances, CancellationToken cancellationToken)
    {
        // Remembered first: a delivery that arrives while the rest goes is refused, never stored again.
        await erasedCalls.RememberAsync(callId, cancellationToken);
        var client = clients.Client;
        var purged = 0;
        foreach (var instance in instances)
        {
            purged += (await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        var indexed = instances.Select(i => i.InstanceId).Append(callId).Distinct(StringComparer.Ordinal).ToList();
        var deleted = 0;
        foreach (var kind in AppDataKinds.All)
        {
            switch (kind.Placement)
            {
                case AppDataPlacement.PerCall:
                    deleted += await store.DeleteScopeAsync(kind, callId, cancellationToken);
                    break;
                case AppDataPlacement.Index:
                    foreach (var instanceId in indexed)
                    {
                        deleted += await store.DeleteAsync(AppDataKey.InIndex(kind, instanceId), cancellationToken) ? 1 : 0;
                    }

                    break;
                case AppDataPlacement.KeptAfterErasure:
                    break;
                default:
                    throw new InvalidOperationException($"App data kind '{kind.Name}' has a placement erasure does not know: {kind.Placement}.");
            }
        }

        Erased(logger, callId, purged, deleted);
        return new CallErasure(callId, purged, deleted);
    }

    [LoggerMessage(2400, LogLevel.Information, "Call {CallId} erased: {Instances} instances purged, {Values} stored values deleted.")]
    private static partial void Erased(ILogger logger, string callId, int instances, int values);
}
