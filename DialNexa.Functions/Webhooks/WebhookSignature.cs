using System.Security.Cryptography;

namespace DialNexa.Functions.Webhooks;

/// <summary>
/// DialNexa's signature: lower-case hex HMAC-SHA256 of the raw body, in <c>X-DialNexa-Signature</c> or
/// <c>x-nexa-signature</c>, with or without a <c>sha256=</c> prefix. Compared in constant time against every secret.
/// </summary>
internal static class WebhookSignature
{
    public static readonly string[] HeaderNames = ["X-DialNexa-Signature", "x-nexa-signature"];

    public static string Compute(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public static bool Matches(ReadOnlySpan<byte> body, string presented, IReadOnlyList<byte[]> secrets)
    {
        var hex = presented.Trim();
        if (hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[7..];
        }

        if (hex.Length != 64)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            // Every secret is tried, so the time taken does not tell which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, body), claimed);
        }

        return matched;
    }
}
