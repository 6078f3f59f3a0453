using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DialNexa.DurableTask.SelfHost.ManagementApi;

/// <summary>Maps Durable Functions' management HTTP API onto the self-host's <c>DurableTaskClient</c>.</summary>
public static class DurableTaskManagementEndpoints
{
    /// <summary>
    /// Maps <c>/runtime/webhooks/durabletask/...</c> as Durable Functions' HttpApiHandler answers it: start
    /// (<c>POST orchestrators/{functionName}/{instanceId?}</c>), status and purge (<c>GET</c>/<c>DELETE instances/{id}</c>),
    /// list and purge by filter (<c>GET</c>/<c>DELETE instances</c>), <c>raiseEvent/{eventName}</c>, <c>terminate</c>,
    /// <c>suspend</c>, <c>resume</c>, <c>rewind</c> and <c>restart</c>.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <returns>The route group, so the app can add its own filters (an admin key, for example).</returns>
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(DurableTaskHttpManagement.BasePath);
        group.MapPost("/orchestrators/{functionName}/{instanceId?}", ManagementApiHandlers.StartAsync);
        group.MapGet("/instances", (Delegate)ManagementApiHandlers.ListAsync);
        group.MapDelete("/instances", (Delegate)ManagementApiHandlers.PurgeByFilterAsync);
        group.MapGet("/instances/{instanceId}", ManagementApiHandlers.GetStatusAsync);
        group.MapDelete("/instances/{instanceId}", ManagementApiHandlers.PurgeAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", ManagementApiHandlers.RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", ManagementApiHandlers.TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", ManagementApiHandlers.SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", ManagementApiHandlers.ResumeAsync);
        group.MapPost("/instances/{instanceId}/rewind", ManagementApiHandlers.RewindAsync);
        group.MapPost("/instances/{instanceId}/restart", ManagementApiHandlers.RestartAsync);
        group.AddEndpointFilter(ManagementApiHandlers.TranslateErrorsAsync);
        return group;
    }
}
