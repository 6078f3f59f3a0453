using System.Net;
using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.HttpEdge;

/// <summary>
/// The key rule for status, review and management routes: when <c>DialNexa__AdminKey</c> is set, callers present it as
/// the <c>x-functions-key</c> header or the <c>code</c> query parameter (compared in constant time). When it is unset,
/// the self-host answers callers on this machine only; the Functions worker answers nobody, because every request it
/// sees was proxied by the Functions host from loopback, whoever sent it. Trusting this machine means trusting its
/// tools, not every web page its browser opens: a request on loopback is also refused when it names another host than
/// this machine (a DNS-rebinding page) or comes from another site (its <c>Origin</c> or <c>Sec-Fetch-Site</c> says so,
/// as for a cross-site form post).
/// </summary>
internal static class AdminKeyGate
{
    /// <summary>Null when the caller may go on; otherwise the problem to answer.</summary>
    public static IResult? Refusal(HttpContext http, IConfiguration configuration, bool trustLoopback)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(configuration);
        var expected = configuration[SettingNames.AdminKey];
        if (string.IsNullOrEmpty(expected))
        {
            var remote = http.Connection.RemoteIpAddress;
            if (trustLoopback && (remote is null || IPAddress.IsLoopback(remote)))
            {
                return BrowserRefusal(http, configuration);
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

    /// <summary>Null for this machine's own tools; a 403 for a page of another site, or one reached under a foreign host name.</summary>
    private static IResult? BrowserRefusal(HttpContext http, IConfiguration configuration)
    {
        var request = http.Request;
        if (!IsThisMachine(request.Host.Host, configuration))
        {
            return Problem("This route answers under this machine's own name only.", "The request named another host (as a DNS-rebinding page does). Call it as localhost, or set DialNexa__AdminKey and send it as the x-functions-key header.");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        var sameOrigin = origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) && from.Scheme == request.Scheme);
        if (!sameOrigin || site is not ("" or "same-origin" or "none"))
        {
            return Problem("Requests from other sites are refused.", "A web page of another site sent this request. Without DialNexa__AdminKey these routes answer this machine's own tools only; set DialNexa__AdminKey and send it as the x-functions-key header to call them from elsewhere.");
        }

        return null;
    }

    private static bool IsThisMachine(string host, IConfiguration configuration)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
        {
            return true;
        }

        return configuration[SettingNames.PublicBaseUrl] is { Length: > 0 } configured
            && Uri.TryCreate(configured, UriKind.Absolute, out var publicUrl)
            && string.Equals(publicUrl.Host, host, StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Problem(string title, string detail) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail);

    private static bool Matches(string presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
