using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A call's redacted content as kept after redaction: what its handoff read (every delivery it read, merged in arrival
/// order), or one delivery on its own (a late delivery, which the handoff never read).
/// </summary>
internal sealed class CallTranscripts(CallInbox inbox, IAppDataStore store) : ICallTranscripts
{
    /// <summary>The call as its handoff read it; null when the call is unknown or nothing of it is redacted yet.</summary>
    public async Task<RedactedCall?> ReadAsync(string callId, CancellationToken cancellationToken)
    {
        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        if (ledger is null)
        {
            return null;
        }

        RedactedCall? merged = null;
        foreach (var delivery in ledger.Deliveries.Where(d => !ledger.LateHashes.Contains(d.Hash)))
        {
            if (await ReadDeliveryAsync(callId, delivery.Hash, cancellationToken) is { } redacted)
            {
                merged = merged is null ? redacted : CallMerge.Merge(merged, redacted);
            }
        }

        return merged;
    }

    /// <summary>
    /// The deliveries a handoff read (by their bodies' hashes), merged in the order it merged them; a delivery with no
    /// redacted form (erased since) is an error, since the handoff read it.
    /// </summary>
    public async Task<RedactedCall> ReadMergedAsync(string callId, IReadOnlyList<string> deliveryHashes, CancellationToken cancellationToken)
    {
        RedactedCall? call = null;
        foreach (var hash in deliveryHashes)
        {
            var delivery = await ReadDeliveryAsync(callId, hash, cancellationToken)
                ?? throw new InvalidOperationException($"Delivery {hash} of call {callId} has no redacted form to read; it was erased.");
            call = call is null ? delivery : CallMerge.Merge(call, delivery);
        }

        return call ?? new RedactedCall { CallId = callId };
    }

    /// <summary>One delivery's redacted form; null until it is redacted.</summary>
    public Task<RedactedCall?> ReadDeliveryAsync(string callId, string deliveryHash, CancellationToken cancellationToken) =>
        store.GetJsonAsync<RedactedCall>(RedactCallActivity.KeyOf(callId, deliveryHash), cancellationToken);
}
