using System.Collections.Concurrent;
using System.Security.Cryptography;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Json;
using Microsoft.AspNetCore.DataProtection;

namespace DialNexa.Functions.Inbox;

/// <summary>
/// The claim check for raw deliveries and the ledger of each call's deliveries. A body is encrypted (ASP.NET
/// DataProtection) before it touches the store, because it may hold card, bank or tax numbers; Redact reads it once and
/// deletes it. The ledger records every delivery (so a repeat is recognised after its body is gone) and whether the
/// handoff still reads the call's deliveries: a delivery appended before the handoff closes the ledger is the handoff's,
/// one appended after is a late delivery; both are decided by conditional replaces of the one ledger record.
/// </summary>
internal sealed class CallInbox(IAppDataStore store, IDataProtectionProvider dataProtection, TimeProvider time)
{
    /// <summary>Deliveries one call may have; DialNexa sends a handful.</summary>
    public const int MaxDeliveriesPerCall = 200;

    internal const string LedgerItem = "ledger";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("DialNexa.Webhooks.Inbox.v1");

    /// <summary>First bodies whose commit runs beside their handoff's start in this process, by body key.</summary>
    private readonly ConcurrentDictionary<AppDataKey, Task> _committing = new();

    /// <summary>The name of a body in the inbox: a hash of the body, so a repeat maps to the same name.</summary>
    public static string HashOf(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body))[..32];

    /// <summary>
    /// Stores a delivery durably: its encrypted body, then its line in the ledger (unless it is a repeat). When this
    /// returns, the delivery belongs either to the running handoff or, once the ledger is closed, to late review.
    /// When the delivery opens the call's ledger, <paramref name="startAlongside"/> (if given) starts the call's handoff
    /// while the ledger is written, so the two commits overlap instead of following each other: both are durable when
    /// this returns, and <see cref="InboxAcceptance.StartedAlongside"/> says whether that start created the handoff. The
    /// handoff may ask for the body before its commit ends (<see cref="ReadBodyAsync"/>).
    /// </summary>
    public async Task<InboxAcceptance> AcceptAsync(string callId, string eventName, byte[] body, Func<InboxDelivery, Task<bool>>? startAlongside, CancellationToken cancellationToken)
    {
        var delivery = new InboxDelivery(HashOf(body), eventName, time.GetUtcNow());
        var ledgerKey = LedgerKey(callId);
        var bodyStored = false;
        bool? started = null;
        while (true)
        {
            var current = await store.GetVersionedAsync(ledgerKey, cancellationToken);
            var ledger = current is null ? null : AppJson.Deserialize<InboxLedger>(current.Value.Span);
            if (ledger?.Find(delivery.Hash) is { } known)
            {
                return new InboxAcceptance(known, IsRepeat: true, IsFirst: ledger.Deliveries[0].Hash == known.Hash, IsLate: ledger.LateHashes.Contains(known.Hash)) { StartedAlongside = started };
            }

            if (ledger is { Deliveries.Count: >= MaxDeliveriesPerCall })
            {
                throw new InboxFullException($"Call '{callId}' already has {MaxDeliveriesPerCall} deliveries; no more are kept.");
            }

            if (ledger is null)
            {
                // The call's first delivery: its body, its ledger and its open-inbox entry in one write, and the start
                // beside it (once: a second pass here follows a ledger that was opened and then erased).
                var opened = new InboxLedger { CallId = callId, OpenedAt = delivery.ReceivedAt, Deliveries = [delivery] };
                var opening = store.TryAddAsync(
                    ledgerKey,
                    AppJson.SerializeToUtf8Bytes(opened),
                    new AppDataWrite(BodyKey(callId, delivery.Hash), _protector.Protect(body)),
                    new AppDataWrite(AppDataKey.InIndex(AppDataKinds.InboxOpen, callId), AppJson.SerializeToUtf8Bytes(delivery)),
                    cancellationToken);
                if (startAlongside is not null && started is null)
                {
                    var bodyKey = BodyKey(callId, delivery.Hash);
                    _committing[bodyKey] = opening;
                    try
                    {
                        var starting = startAlongside(delivery);
                        await Task.WhenAll(opening, starting);
                        started = await starting;
                    }
                    finally
                    {
                        _committing.TryRemove(new KeyValuePair<AppDataKey, Task>(bodyKey, opening));
                    }
                }

                if (await opening)
                {
                    return new InboxAcceptance(delivery, IsRepeat: false, IsFirst: true, IsLate: false) { StartedAlongside = started };
                }

                // Another delivery opened the ledger first; the body is stored, and this one is appended.
                bodyStored = true;
                continue;
            }

            if (!bodyStored)
            {
                await store.PutAsync(BodyKey(callId, delivery.Hash), _protector.Protect(body), cancellationToken);
                bodyStored = true;
            }

            var late = ledger.IsClosed;
            var appended = ledger with
            {
                Deliveries = [.. ledger.Deliveries, delivery],
                LateHashes = late ? [.. ledger.LateHashes, delivery.Hash] : ledger.LateHashes,
            };
            if (await store.TryReplaceAsync(ledgerKey, AppJson.SerializeToUtf8Bytes(appended), current!.Version, cancellationToken))
            {
                return new InboxAcceptance(delivery, IsRepeat: false, IsFirst: false, IsLate: late) { StartedAlongside = started };
            }
        }
    }

    public async Task<InboxLedger?> ReadLedgerAsync(string callId, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<InboxLedger>(LedgerKey(callId), cancellationToken);

    /// <summary>
    /// Stops the handoff reading the call's deliveries. Every delivery whose raw body is still in the inbox was never
    /// read by the handoff (reading redacts and deletes it): those are returned, each to go to late review. Safe to
    /// run again: a closed ledger returns the deliveries it sent to late review.
    /// </summary>
    public async Task<IReadOnlyList<InboxDelivery>> CloseAsync(string callId, CancellationToken cancellationToken)
    {
        var ledgerKey = LedgerKey(callId);
        while (true)
        {
            var current = await store.GetVersionedAsync(ledgerKey, cancellationToken);
            if (current is null)
            {
                return [];
            }

            var ledger = AppJson.Deserialize<InboxLedger>(current.Value.Span)!;
            if (ledger.IsClosed)
            {
                await store.DeleteAsync(AppDataKey.InIndex(AppDataKinds.InboxOpen, callId), cancellationToken);
                return [.. ledger.Deliveries.Where(d => ledger.LateHashes.Contains(d.Hash))];
            }

            var unread = await UnreadOfAsync(callId, ledger, cancellationToken);
            var closed = ledger with { ClosedAt = time.GetUtcNow(), LateHashes = [.. unread.Select(d => d.Hash)] };
            if (await store.TryReplaceAsync(ledgerKey, AppJson.SerializeToUtf8Bytes(closed), current.Version, cancellationToken))
            {
                await store.DeleteAsync(AppDataKey.InIndex(AppDataKinds.InboxOpen, callId), cancellationToken);
                return unread;
            }
        }
    }

    /// <summary>The call's deliveries whose raw body is still in the inbox (read by no one yet), in arrival order.</summary>
    public async Task<IReadOnlyList<InboxDelivery>> UnreadAsync(string callId, CancellationToken cancellationToken) =>
        await ReadLedgerAsync(callId, cancellationToken) is { } ledger ? await UnreadOfAsync(callId, ledger, cancellationToken) : [];

    /// <summary>Calls whose ledger is still open, oldest call ID first, with their first delivery.</summary>
    public IAsyncEnumerable<AppDataItem> ListOpenAsync(CancellationToken cancellationToken) =>
        store.ListAllAsync(AppDataKinds.InboxOpen, AppDataKinds.InboxOpen.IndexScope, cancellationToken);

    /// <summary>
    /// The raw body, or null once Redact has consumed it. A handoff started beside its first body's commit may ask
    /// before that commit ends: in this process the read waits for it; in another (a second Functions host) it finds
    /// nothing yet, and Redact's retry reads it.
    /// </summary>
    public async Task<byte[]?> ReadBodyAsync(string callId, string hash, CancellationToken cancellationToken)
    {
        var key = BodyKey(callId, hash);
        if (_committing.TryGetValue(key, out var committing))
        {
            await Task.WhenAny(committing); // whether it failed is for the webhook to answer; the read below tells this caller
        }

        return await store.GetAsync(key, cancellationToken) is { } stored ? _protector.Unprotect(stored.ToArray()) : null;
    }

    public Task DeleteBodyAsync(string callId, string hash, CancellationToken cancellationToken) =>
        store.DeleteAsync(BodyKey(callId, hash), cancellationToken);

    private async Task<List<InboxDelivery>> UnreadOfAsync(string callId, InboxLedger ledger, CancellationToken cancellationToken)
    {
        var unread = new List<InboxDelivery>();
        foreach (var delivery in ledger.Deliveries)
        {
            if (await store.GetAsync(BodyKey(callId, delivery.Hash), cancellationToken) is not null)
            {
                unread.Add(delivery);
            }
        }

        return unread;
    }

    private static AppDataKey LedgerKey(string callId) => AppDataKey.ForCall(AppDataKinds.InboxLedger, callId, LedgerItem);

    private static AppDataKey BodyKey(string callId, string hash) => AppDataKey.ForCall(AppDataKinds.InboxBody, callId, hash);
}
