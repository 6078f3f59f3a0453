using System.Text.Json.Nodes;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Review;

namespace DialNexa.Functions.Retention;

/// <summary>
/// The self-host's management route <c>DELETE /runtime/webhooks/durabletask/instances/{id}</c> on the app's own
/// instances: purging a finished call's handoff erases the call (its late deliveries and every value kept for it, see
/// <see cref="CallEraser"/>), and purging a late delivery drops its review entries, so a purge never leaves app data of
/// a call without its instance. Other instances and other routes pass through unchanged.
/// </summary>
internal sealed class CallPurgeFilter(IDurableClientSource clients, CallEraser eraser, IAppDataStore store) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsDelete(http.Request.Method) || http.Request.RouteValues["instanceId"] is not string instanceId)
        {
            return await next(context);
        }

        var instance = await clients.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, http.RequestAborted);
        if (instance is { Name: nameof(CallHandoffOrchestrator), IsCompleted: true })
        {
            var (erased, _) = await eraser.EraseAsync(instanceId, http.RequestAborted);
            if (erased is not null)
            {
                return Results.Json(new JsonObject { ["instancesDeleted"] = erased.PurgedInstances });
            }
        }

        var result = await next(context);
        if (instance is { Name: nameof(LateDeliveryOrchestrator) })
        {
            foreach (var key in ReviewQueue.KeysOf(instanceId))
            {
                await store.DeleteAsync(key, http.RequestAborted);
            }
        }

        return result;
    }
}
