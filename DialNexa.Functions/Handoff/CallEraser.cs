using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Erases a finished call: its handoff and late-delivery instances (history, status, the payloads they own) and every
/// value the app keeps beside them under the call's ID: inbox bodies and repeat markers, redacted deliveries, the
/// encrypted recording URL, approval requests, votes and mail markers, provider claims, review entries. A call still
/// running (or a late delivery of it) is refused: terminate it first. Used by <c>DELETE /api/calls/{callId}</c> and the
/// retention sweep.
/// </summary>
internal sealed partial class CallEraser(DurableTaskClient client, ILogger<CallEraser> logger)
{
    public async Task<(CallErasure? Erased, string? Refusal)> EraseAsync(string callId, CancellationToken cancellationToken)
    {
        var call = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (call is null || call.Name != nameof(CallHandoffOrchestrator))
        {
            return (null, null);
        }

        var late = await LateDeliveriesOfAsync(callId, cancellationToken);
        if (late.Prepend(call).FirstOrDefault(i => !i.RuntimeStatus.IsTerminal()) is { } running)
        {
            return (null, $"'{running.InstanceId}' is {running.RuntimeStatus}; terminate it first (POST /runtime/webhooks/durabletask/instances/{running.InstanceId}/terminate).");
        }

        var deleted = 0;
        foreach (var prefix in new[] { "inbox:", "seen:", "redacted:inbox:", "approval:", "approval-mail:", "outbox:slack:", "outbox:paystack-notify:" }.Select(p => p + callId + ":"))
        {
            deleted += await DeleteByPrefixAsync(prefix, cancellationToken);
        }

        foreach (var instanceId in late.Select(i => i.InstanceId).Prepend(callId))
        {
            foreach (var key in new[] { "review-open:" + instanceId, "review-resolved:" + instanceId })
            {
                deleted += await DeleteIfPresentAsync(key, cancellationToken);
            }
        }

        deleted += await DeleteIfPresentAsync(CallRecordingStore.KeyOf(callId), cancellationToken);
        var purged = 0;
        foreach (var instance in late.Append(call))
        {
            purged += await client.PurgeInstanceAsync(instance.InstanceId, cancellationToken) ? 1 : 0;
        }

        Erased(logger, callId, purged, deleted);
        return (new CallErasure(callId, purged, deleted), null);
    }

    private async Task<List<OrchestrationMetadata>> LateDeliveriesOfAsync(string callId, CancellationToken cancellationToken)
    {
        var late = new List<OrchestrationMetadata>();
        string? token = null;
        do
        {
            var (page, next) = await client.GetAllInstancesAsync(new InstanceQuery { InstanceIdPrefix = callId + ":late:", PageSize = 100, ContinuationToken = token }, cancellationToken);
            late.AddRange(page.Where(i => i.Name == nameof(LateDeliveryOrchestrator)));
            token = next;
        }
        while (token is not null);
        return late;
    }

    private async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            // Deleted keys leave the listing, so each page starts from the front again.
            var page = await client.ListPayloadKeysAsync(prefix, null, 500, cancellationToken);
            foreach (var key in page)
            {
                await client.DeletePayloadAsync(key, cancellationToken);
            }

            deleted += page.Count;
            if (page.Count < 500)
            {
                return deleted;
            }
        }
    }

    private async Task<int> DeleteIfPresentAsync(string key, CancellationToken cancellationToken)
    {
        if (await client.GetPayloadAsync(key, cancellationToken) is null)
        {
            return 0;
        }

        await client.DeletePayloadAsync(key, cancellationToken);
        return 1;
    }

    [LoggerMessage(2400, LogLevel.Information, "Call {CallId} erased: {Instances} instances purged, {Values} stored values deleted.")]
    private static partial void Erased(ILogger logger, string callId, int instances, int values);
}
