using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The function-key rule for status and management routes: when <c>DialNexa:AdminKey</c> is set, callers present it
/// as the <c>x-functions-key</c> header or the <c>code</c> query parameter (compared in constant time); when it is
/// unset, only callers on this machine (loopback) are answered.
/// </summary>
internal sealed class AdminKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string SettingName = "DialNexa:AdminKey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var expected = configuration[SettingName];
        if (string.IsNullOrEmpty(expected))
        {
            var remote = http.Connection.RemoteIpAddress;
            if (remote is not null && !IPAddress.IsLoopback(remote))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Management routes answer loopback callers only.",
                    detail: "Set DialNexa__AdminKey and send it as the x-functions-key header to call this route from another machine.");
            }

            return await next(context);
        }

        var presented = http.Request.Headers["x-functions-key"].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            presented = http.Request.Query["code"].ToString();
        }

        if (!Matches(presented, expected))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A valid function key is required.",
                detail: "Send the admin key (DialNexa__AdminKey) as the x-functions-key header or the code query parameter.");
        }

        return await next(context);
    }

    private static bool Matches(string presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
