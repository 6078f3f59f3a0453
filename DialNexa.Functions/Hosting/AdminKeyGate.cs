using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The key rule for status, review and management routes: when <c>DialNexa__AdminKey</c> is set, callers present it as
/// the <c>x-functions-key</c> header or the <c>code</c> query parameter (compared in constant time). When it is unset,
/// the self-host answers callers on this machine only; the Functions worker answers nobody, because every request it
/// sees was proxied by the Functions host from loopback, whoever sent it.
/// </summary>
internal static class AdminKeyGate
{
    public const string SettingName = "DialNexa:AdminKey";

    /// <summary>Null when the caller may go on; otherwise the problem to answer.</summary>
    public static IResult? Refusal(HttpContext http, IConfiguration configuration, bool trustLoopback)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(configuration);
        var expected = configuration[SettingName];
        if (string.IsNullOrEmpty(expected))
        {
            var remote = http.Connection.RemoteIpAddress;
            if (trustLoopback && (remote is null || IPAddress.IsLoopback(remote)))
            {
                return null;
            }

            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: trustLoopback ? "Management routes answer loopback callers only." : "This route needs the admin key.",
                detail: "Set DialNexa__AdminKey and send it as the x-functions-key header to call this route" + (trustLoopback ? " from another machine." : "."));
        }

        var presented = http.Request.Headers["x-functions-key"].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            presented = http.Request.Query["code"].ToString();
        }

        return Matches(presented, expected)
            ? null
            : Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A valid function key is required.",
                detail: "Send the admin key (DialNexa__AdminKey) as the x-functions-key header or the code query parameter.");
    }

    private static bool Matches(string presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
