using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace DialNexa.Benchmarks.App;

/// <summary>What the app scenarios post: a fixture with a unique call ID each, signed as DialNexa signs; and a free loopback port.</summary>
internal static class SignedCalls
{
    /// <summary>The fixture's call ID, replaced by a unique one per call.</summary>
    public const string FixtureCallId = "call_7f3a9c21d4";

    public static List<SignedCall> Make(string template, string secret, string phase, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var key = Encoding.UTF8.GetBytes(secret);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"call_{phase}{run}{i:D6}");
            var body = Encoding.UTF8.GetBytes(template.Replace(FixtureCallId, id, StringComparison.Ordinal));
            return new SignedCall(id, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body)));
        })];
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
