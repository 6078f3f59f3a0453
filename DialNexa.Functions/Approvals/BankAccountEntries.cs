using System.Text.Json;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Providers.Gusto;
using Microsoft.AspNetCore.DataProtection;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The company bank account finance typed on a call's approval page, kept encrypted (DataProtection, like inbox bodies)
/// under the call until the Gusto action sends it, then deleted. One per call: the first approver to enter it decides
/// its numbers. Erasing the call deletes it with everything else.
/// </summary>
internal sealed class BankAccountEntries(IAppDataStore store, IDataProtectionProvider dataProtection, TimeProvider time) : IGustoBankAccountEntries
{
    private const string Item = "gusto";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("DialNexa.Approvals.BankAccountEntry.v1");

    /// <summary>Keeps the entry unless one is kept already; false when another approver entered one first.</summary>
    public Task<bool> TryAddAsync(string callId, GustoBankAccountEntry entry, string enteredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sealedEntry = new Sealed(entry.RoutingNumber, entry.AccountNumber, entry.AccountType, enteredBy, time.GetUtcNow());
        return store.TryAddAsync(KeyOf(callId), _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(sealedEntry)), cancellationToken);
    }

    public async Task<GustoBankAccountEntry?> ReadAsync(string callId, CancellationToken cancellationToken) =>
        await ReadSealedAsync(callId, cancellationToken) is { } entry ? new GustoBankAccountEntry(entry.Routing, entry.Account, entry.Type) : null;

    /// <summary>Who entered the kept account and its last four digits, for the page; null when none is kept.</summary>
    public async Task<(string EnteredBy, string Last4)?> DescribeAsync(string callId, CancellationToken cancellationToken) =>
        await ReadSealedAsync(callId, cancellationToken) is { } entry ? (entry.EnteredBy, entry.Account[^4..]) : null;

    public Task ForgetAsync(string callId, CancellationToken cancellationToken) => store.DeleteAsync(KeyOf(callId), cancellationToken);

    private async Task<Sealed?> ReadSealedAsync(string callId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(KeyOf(callId), cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize<Sealed>(_protector.Unprotect(stored.Value.ToArray()));
    }

    private static AppDataKey KeyOf(string callId) => AppDataKey.ForCall(AppDataKinds.BankAccountEntry, callId, Item);

    /// <summary>What is encrypted: never serialised anywhere but into the protector.</summary>
    private sealed record Sealed(string Routing, string Account, string Type, string EnteredBy, DateTimeOffset EnteredAt)
    {
        public override string ToString() => $"bank account ending {Account[^4..]}";
    }
}
