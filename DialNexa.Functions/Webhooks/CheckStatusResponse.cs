using System.Text.Json.Nodes;

namespace DialNexa.Functions.Webhooks;

/// <summary>
/// The 202 answer to an accepted delivery, in the shape of Durable Functions' check-status response (the instance ID
/// and its management URLs, with <c>Location</c> and <c>Retry-After</c>), plus the call's own status URL.
/// </summary>
internal static class CheckStatusResponse
{
    public const string ManagementBasePath = "/runtime/webhooks/durabletask";

    public static IResult For(HttpResponse response, string baseUrl, string callId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var instanceUrl = $"{baseUrl}{ManagementBasePath}/instances/{Uri.EscapeDataString(callId)}";
        var payload = new JsonObject
        {
            ["id"] = callId,
            ["statusQueryGetUri"] = instanceUrl,
            ["sendEventPostUri"] = instanceUrl + "/raiseEvent/{eventName}",
            ["terminatePostUri"] = instanceUrl + "/terminate?reason={text}",
            ["suspendPostUri"] = instanceUrl + "/suspend?reason={text}",
            ["resumePostUri"] = instanceUrl + "/resume?reason={text}",
            ["purgeHistoryDeleteUri"] = instanceUrl,
            ["callId"] = callId,
            ["callStatusUri"] = $"{baseUrl}/api/calls/{Uri.EscapeDataString(callId)}",
        };
        response.Headers.Location = instanceUrl;
        response.Headers.RetryAfter = "10";
        return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
    }
}
