using DialNexa.Functions.Inbox;
using DialNexa.Functions.Review;

namespace DialNexa.Functions.Handoff;

/// <summary>The late deliveries of a call that went to review, for the call's status.</summary>
internal sealed class LateDeliveryReviews(CallInbox inbox, ReviewQueue reviews)
{
    /// <summary>Each late delivery of the call the review queue holds, with whether it was resolved.</summary>
    public async Task<IReadOnlyList<(string InstanceId, bool Resolved)>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var found = new List<(string, bool)>();
        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        foreach (var hash in ledger?.LateHashes ?? [])
        {
            var instanceId = LateDeliveries.InstanceIdFor(callId, hash);
            if (await reviews.ReadResolvedAsync(instanceId, cancellationToken) is not null)
            {
                found.Add((instanceId, true));
            }
            else if (await reviews.ReadOpenAsync(instanceId, cancellationToken) is not null)
            {
                found.Add((instanceId, false));
            }
        }

        return found;
    }
}
