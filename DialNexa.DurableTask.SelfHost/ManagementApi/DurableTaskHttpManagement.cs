using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost.ManagementApi;

/// <summary>
/// Builds Durable Functions' check-status answer for an instance: the management links under
/// <c>/runtime/webhooks/durabletask</c>, and the 202 response with <c>Location</c> and <c>Retry-After</c>.
/// </summary>
public static class DurableTaskHttpManagement
{
    /// <summary>Where the management API is mapped by <see cref="DurableTaskManagementEndpoints.MapDurableTaskManagementApi"/>.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>
    /// The links for <paramref name="instanceId"/>, on the scheme, host and path base of <paramref name="request"/>, with
    /// the <c>taskHub</c> and <c>connection</c> parameters (and the request's <c>code</c>, when it carried one).
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="returnInternalServerErrorOnFailure">Whether the status link asks for 500 when the instance fails.</param>
    /// <returns>The links.</returns>
    public static HttpManagementPayload CreateHttpManagementPayload(HttpRequest request, string instanceId, bool returnInternalServerErrorOnFailure = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var options = request.HttpContext.RequestServices.GetService<IOptions<DurableTaskSelfHostOptions>>()?.Value ?? new DurableTaskSelfHostOptions();
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";
        var instance = $"{baseUrl}/instances/{WebUtility.UrlEncode(instanceId)}";
        var query = $"taskHub={WebUtility.UrlEncode(options.HubName)}&connection={WebUtility.UrlEncode(options.ConnectionName)}";
        if (request.Query.TryGetValue("code", out var code) && !string.IsNullOrEmpty(code))
        {
            query += $"&code={WebUtility.UrlEncode(code.ToString())}";
        }

        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = $"{instance}?{query}" + (returnInternalServerErrorOnFailure ? "&returnInternalServerErrorOnFailure=true" : string.Empty),
            SendEventPostUri = $"{instance}/raiseEvent/{{eventName}}?{query}",
            TerminatePostUri = $"{instance}/terminate?reason={{text}}&{query}",
            RewindPostUri = $"{instance}/rewind?reason={{text}}&{query}",
            PurgeHistoryDeleteUri = $"{instance}?{query}",
            RestartPostUri = $"{instance}/restart?{query}",
            SuspendPostUri = $"{instance}/suspend?reason={{text}}&{query}",
            ResumePostUri = $"{instance}/resume?reason={{text}}&{query}",
        };
    }

    /// <summary>
    /// 202 Accepted with the links as JSON, <c>Location</c> set to the status link and <c>Retry-After: 10</c>, as
    /// Durable Functions' <c>CreateCheckStatusResponse</c> answers.
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="returnInternalServerErrorOnFailure">Whether the status link asks for 500 when the instance fails.</param>
    /// <returns>The response.</returns>
    public static IResult CreateCheckStatusResponse(HttpRequest request, string instanceId, bool returnInternalServerErrorOnFailure = false)
    {
        var payload = CreateHttpManagementPayload(request, instanceId, returnInternalServerErrorOnFailure);
        return new CheckStatusResult(payload);
    }

    private sealed class CheckStatusResult(HttpManagementPayload payload) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
            httpContext.Response.Headers.Location = payload.StatusQueryGetUri;
            httpContext.Response.Headers.RetryAfter = "10";
            return httpContext.Response.WriteAsJsonAsync(payload);
        }
    }

}
