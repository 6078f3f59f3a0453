using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DialNexa.Durable.Http;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask</c>: start, status, list,
/// raise event, terminate, suspend, resume and purge, with the same routes and status codes.
/// </summary>
public static class DurableManagementEndpoints
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    public static RouteGroupBuilder MapDurableManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath);
        group.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync);
        group.MapGet("/instances/{instanceId}", GetStatusAsync);
        group.MapGet("/instances", ListAsync);
        group.MapDelete("/instances/{instanceId}", PurgeAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) => ControlAsync(client.TerminateInstanceAsync(instanceId, reason, ct), instanceId));
        group.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) => ControlAsync(client.SuspendInstanceAsync(instanceId, reason, ct), instanceId));
        group.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) => ControlAsync(client.ResumeInstanceAsync(instanceId, reason, ct), instanceId));
        return group;
    }

    /// <summary>The check-status payload of Durable Functions (id and management URLs), with Location and Retry-After.</summary>
    public static IResult CheckStatusResponse(HttpRequest request, string instanceId, object? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseUrl = $"{request.Scheme}://{request.Host}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var payload = new JsonObject
        {
            ["id"] = instanceId,
            ["statusQueryGetUri"] = baseUrl,
            ["sendEventPostUri"] = baseUrl + "/raiseEvent/{eventName}",
            ["terminatePostUri"] = baseUrl + "/terminate?reason={text}",
            ["suspendPostUri"] = baseUrl + "/suspend?reason={text}",
            ["resumePostUri"] = baseUrl + "/resume?reason={text}",
            ["purgeHistoryDeleteUri"] = baseUrl,
        };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToNode(extra, DurableJson.Options)!.AsObject().ToList())
            {
                payload[property.Key] = property.Value?.DeepClone();
            }
        }

        request.HttpContext.Response.Headers.Location = baseUrl;
        request.HttpContext.Response.Headers.RetryAfter = "10";
        return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> StartAsync(string functionName, string? instanceId, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        object? input = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                input = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
            }
            catch (JsonException ex)
            {
                return Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", ex.Message);
            }
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions { InstanceId = instanceId }, ct);
            return CheckStatusResponse(request, id);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "An instance with this ID is already running.", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The start request was refused.", ex.Message);
        }
    }

    private static async Task<IResult> GetStatusAsync(string instanceId, HttpRequest request, DurableTaskClient client, bool? showHistory, bool? showInput, CancellationToken ct)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
        if (metadata is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such instance.", $"No instance with ID '{instanceId}' exists.");
        }

        var body = Describe(metadata, showInput ?? true);
        if (showHistory == true)
        {
            var history = await client.GetHistoryAsync(instanceId, ct);
            body["historyEvents"] = new JsonArray([.. history.Select(e => new JsonObject
            {
                ["eventType"] = e.Type.ToString(),
                ["eventId"] = e.EventId,
                ["name"] = e.Name,
                ["timestamp"] = e.Timestamp,
            })]);
        }

        if (metadata.IsRunning)
        {
            request.HttpContext.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.Path}";
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
        }

        return Results.Json(body, statusCode: StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var q = request.Query;
        List<OrchestrationRuntimeStatus>? statuses = null;
        if (q["runtimeStatus"].ToString() is { Length: > 0 } statusText)
        {
            statuses = [];
            foreach (var part in statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status))
                {
                    return Problem(StatusCodes.Status400BadRequest, "Unknown runtime status.", $"'{part}' is not one of: {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
                }

                statuses.Add(status);
            }
        }

        try
        {
            var (instances, token) = await client.GetAllInstancesAsync(new InstanceQuery
            {
                Statuses = statuses,
                CreatedFrom = ParseTime(q["createdTimeFrom"]),
                CreatedTo = ParseTime(q["createdTimeTo"]),
                InstanceIdPrefix = q["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
                PageSize = int.TryParse(q["top"], out var top) && top > 0 ? top : 100,
                ContinuationToken = request.Headers["x-ms-continuation-token"].ToString() is { Length: > 0 } t ? t : null,
                FetchInputsAndOutputs = string.Equals(q["showInput"], "true", StringComparison.OrdinalIgnoreCase),
            }, ct);
            if (token is not null)
            {
                request.HttpContext.Response.Headers["x-ms-continuation-token"] = token;
            }

            return Results.Json(new JsonArray([.. instances.Select(i => Describe(i, showInput: string.Equals(q["showInput"], "true", StringComparison.OrdinalIgnoreCase)))]));
        }
        catch (ArgumentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad query.", ex.Message);
        }
    }

    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await client.GetInstanceAsync(instanceId, false, ct);
        if (metadata is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such instance.", $"No instance with ID '{instanceId}' exists.");
        }

        if (!await client.PurgeInstanceAsync(instanceId, ct))
        {
            return Problem(StatusCodes.Status409Conflict, "The instance has not finished.", $"Instance '{instanceId}' is {metadata.RuntimeStatus}; only Completed, Failed or Terminated instances can be purged. Terminate it first.");
        }

        return Results.Json(new { instancesDeleted = 1 });
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status400BadRequest, "The event payload must be JSON.", "Send the payload with Content-Type: application/json.");
        }

        JsonElement payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The event payload is not valid JSON.", ex.Message);
        }

        return await ControlAsync(client.RaiseEventAsync(instanceId, eventName, payload, ct), instanceId);
    }

    private static async Task<IResult> ControlAsync(Task<SendEventResult> send, string instanceId) => await send switch
    {
        SendEventResult.Accepted => Results.Accepted(),
        SendEventResult.NotFound => Problem(StatusCodes.Status404NotFound, "No such instance.", $"No instance with ID '{instanceId}' exists."),
        _ => Problem(StatusCodes.Status410Gone, "The instance has finished.", $"Instance '{instanceId}' has completed, failed or been terminated; it takes no more events."),
    };

    private static JsonObject Describe(OrchestrationMetadata metadata, bool showInput)
    {
        var body = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["customStatus"] = Parse(metadata.SerializedCustomStatus),
            ["output"] = metadata.FailureDetails is { } failure ? JsonSerializer.SerializeToNode(failure, DurableJson.Options) : Parse(metadata.SerializedOutput),
            ["createdTime"] = metadata.CreatedAt,
            ["lastUpdatedTime"] = metadata.LastUpdatedAt,
        };
        if (showInput)
        {
            body["input"] = Parse(metadata.SerializedInput);
        }

        return body;
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static DateTime? ParseTime(string? value) =>
        DateTime.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
