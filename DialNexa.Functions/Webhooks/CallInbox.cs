using System.Security.Cryptography;
using DialNexa.Durable;
using DialNexa.Durable.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace DialNexa.Functions.Webhooks;

/// <summary>
/// The claim check for raw deliveries: the body is encrypted (ASP.NET DataProtection, keys under the data directory)
/// before it touches the store, because it may hold card, bank or tax numbers that SQLite could leave in free pages
/// or the WAL. Redact reads it once and deletes it. A "seen" marker per delivery stays until the call is purged, so a
/// repeated delivery is recognised after its body is gone.
/// </summary>
internal sealed class CallInbox(IDataProtectionProvider dataProtection, DurableTaskClient client)
{
    private static readonly byte[] SeenMarker = [1];

    private readonly IDataProtector _protector = dataProtection.CreateProtector("DialNexa.Webhooks.Inbox.v1");

    /// <summary>The keys of one delivery: derived from the call ID and a hash of the body, so a repeat maps to the same keys.</summary>
    public static (string BodyKey, string SeenKey) KeysFor(string callId, ReadOnlySpan<byte> body)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body))[..32];
        return ($"inbox:{callId}:{hash}", $"seen:{callId}:{hash}");
    }

    public IReadOnlyList<StoredPayload> PayloadsFor(string callId, byte[] body)
    {
        var (bodyKey, seenKey) = KeysFor(callId, body);
        return [new StoredPayload(bodyKey, _protector.Protect(body)), new StoredPayload(seenKey, SeenMarker)];
    }

    public async Task<bool> WasSeenAsync(string callId, byte[] body, CancellationToken cancellationToken) =>
        await client.GetPayloadAsync(KeysFor(callId, body).SeenKey, cancellationToken) is not null;

    /// <summary>The raw body, or null once Redact has consumed it.</summary>
    public async Task<byte[]?> ReadAsync(string bodyKey, CancellationToken cancellationToken) =>
        await client.GetPayloadAsync(bodyKey, cancellationToken) is { } stored ? _protector.Unprotect(stored.ToArray()) : null;

    public Task DeleteAsync(string bodyKey, CancellationToken cancellationToken) => client.DeletePayloadAsync(bodyKey, cancellationToken);
}
