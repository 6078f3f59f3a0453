using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Approval link tokens: <c>{keyId}.{payload}.{mac}</c>, base64url, where the payload binds the call (instance), the
/// request, the approver and the expiry, and the mac is HMAC-SHA256 over the key ID and payload with that key
/// (compared in constant time). Single use is enforced by the approval store, not by the token.
/// </summary>
internal sealed partial class ApprovalTokens(ApprovalKeyRing keys, TimeProvider time)
{
    private const string Version = "v1";

    public string Issue(ApprovalTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(ticket.CallId, ticket.RequestId, ticket.Approver, ticket.ExpiresAt.ToUnixTimeSeconds()), PayloadJson.Default.Payload);
        var body = Base64Url(payload);
        var mac = Mac(keys.Current, keys.CurrentId, body);
        return $"{keys.CurrentId}.{body}.{Base64Url(mac)}";
    }

    public (ApprovalTokenStatus Status, ApprovalTicket? Ticket) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || keys.Find(parts[0]) is not { } key)
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        byte[] presented;
        byte[] payload;
        try
        {
            presented = FromBase64Url(parts[2]);
            payload = FromBase64Url(parts[1]);
        }
        catch (FormatException)
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        // Only the canonical encoding counts, so no two spellings of one token exist (base64's spare bits).
        if (Base64Url(presented) != parts[2] || Base64Url(payload) != parts[1] || !CryptographicOperations.FixedTimeEquals(presented, Mac(key, parts[0], parts[1])))
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        Payload? read;
        try
        {
            read = JsonSerializer.Deserialize(payload, PayloadJson.Default.Payload);
        }
        catch (JsonException)
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        if (read is null || string.IsNullOrEmpty(read.I) || string.IsNullOrEmpty(read.R) || string.IsNullOrEmpty(read.A))
        {
            return (ApprovalTokenStatus.Invalid, null);
        }

        var ticket = new ApprovalTicket(read.I, read.R, read.A, DateTimeOffset.FromUnixTimeSeconds(read.E));
        return (time.GetUtcNow() >= ticket.ExpiresAt ? ApprovalTokenStatus.Expired : ApprovalTokenStatus.Valid, ticket);
    }

    private static byte[] Mac(byte[] key, string keyId, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Version}.{keyId}.{body}"));

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Bad length.") };
        return Convert.FromBase64String(padded);
    }

    /// <summary>The signed fields, with one-letter names to keep links short: instance, request, approver, expiry (Unix seconds).</summary>
    internal sealed record Payload(string I, string R, string A, long E);

    [JsonSerializable(typeof(Payload))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    internal sealed partial class PayloadJson : JsonSerializerContext;
}
