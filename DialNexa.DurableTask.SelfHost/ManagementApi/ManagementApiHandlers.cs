using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace DialNexa.DurableTask.SelfHost.ManagementApi;

/// <summary>The management API's handlers: routes, parameters, shapes and status codes of Durable Functions' HttpApiHandler.</summary>
internal static class ManagementApiHandlers
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static async Task<IResult> StartAsync(HttpContext context, string functionName, string? instanceId)
    {
        var client = Client(context);
        var registry = context.RequestServices.GetService<DurableTaskRegistry>();
        if (registry is not null && !registry.GetOrchestrators().Any(o => string.Equals(o.Key.Name, functionName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The function '{functionName}' doesn't exist, is disabled, or is not an orchestrator function.");
        }

        var (input, invalid) = await ReadJsonBodyAsync(context.Request, required: false);
        if (invalid is not null)
        {
            return invalid;
        }

        var options = new StartOrchestrationOptions(string.IsNullOrEmpty(instanceId) ? null : instanceId);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, options, context.RequestAborted);
        return await WaitOrCheckStatusAsync(context, client, id);
    }

    public static async Task<IResult> GetStatusAsync(HttpContext context, string instanceId)
    {
        var client = Client(context);
        var query = context.Request.Query;
        var showHistory = Bool(query, "showHistory") ?? false;
        var showHistoryOutput = Bool(query, "showHistoryOutput") ?? false;
        var showInput = Bool(query, "showInput") ?? true;
        var failWith500 = Bool(query, "returnInternalServerErrorOnFailure") ?? false;
        return await StatusResponseAsync(context, client, instanceId, showHistory, showHistoryOutput, showInput, failWith500);
    }

    public static async Task<IResult> ListAsync(HttpContext context)
    {
        var client = Client(context);
        var query = context.Request.Query;
        var showInput = Bool(query, "showInput") ?? false;
        var filter = new OrchestrationQuery
        {
            InstanceIdPrefix = query.TryGetValue("instanceIdPrefix", out var prefix) && !string.IsNullOrEmpty(prefix) ? prefix.ToString() : null,
            CreatedFrom = Date(query, "createdTimeFrom"),
            CreatedTo = Date(query, "createdTimeTo"),
            Statuses = Statuses(query) is { Count: > 0 } statuses ? statuses : null,
            PageSize = Int(query, "top") is > 0 and var top ? top : OrchestrationQuery.DefaultPageSize,
            ContinuationToken = context.Request.Headers.TryGetValue(ContinuationHeader, out var token) && !string.IsNullOrEmpty(token) ? token.ToString() : null,
            FetchInputsAndOutputs = true,
        };

        Page<OrchestrationMetadata>? page = null;
        await foreach (var first in client.GetAllInstancesAsync(filter).AsPages(filter.ContinuationToken, filter.PageSize).WithCancellation(context.RequestAborted))
        {
            page = first;
            break;
        }

        var array = new JsonArray();
        foreach (var metadata in page?.Values ?? [])
        {
            array.Add(StatusJson.Status(metadata, showInput, history: null));
        }

        if (!string.IsNullOrEmpty(page?.ContinuationToken))
        {
            context.Response.Headers[ContinuationHeader] = page.ContinuationToken;
        }

        return Results.Json(array, statusCode: StatusCodes.Status200OK);
    }

    public static async Task<IResult> PurgeAsync(HttpContext context, string instanceId)
    {
        var client = Client(context);
        if (await client.GetInstanceAsync(instanceId, context.RequestAborted) is null)
        {
            return Results.NotFound();
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellation: context.RequestAborted);
        return Results.Json(new JsonObject { ["instancesDeleted"] = result.PurgedInstanceCount });
    }

    public static async Task<IResult> PurgeByFilterAsync(HttpContext context)
    {
        var client = Client(context);
        var query = context.Request.Query;
        if (Date(query, "createdTimeFrom") is not { } from)
        {
            return Results.Json("Please provide value for 'createdTimeFrom' parameter.", statusCode: StatusCodes.Status400BadRequest);
        }

        var to = Date(query, "createdTimeTo") ?? DateTimeOffset.UtcNow;
        var statuses = Statuses(query);
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, statuses.Count > 0 ? statuses : null), context.RequestAborted);
        return result.PurgedInstanceCount == 0
            ? Results.NotFound()
            : Results.Json(new JsonObject { ["instancesDeleted"] = result.PurgedInstanceCount });
    }

    public static async Task<IResult> RaiseEventAsync(HttpContext context, string instanceId, string eventName)
    {
        var client = Client(context);
        var status = await client.GetInstanceAsync(instanceId, context.RequestAborted);
        if (status is null)
        {
            return Results.NotFound();
        }

        if (IsFinished(status.RuntimeStatus))
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, "Only application/json request content is supported");
        }

        var (payload, invalid) = await ReadJsonBodyAsync(context.Request, required: true);
        if (invalid is not null)
        {
            return invalid;
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, context.RequestAborted);
        return Results.Accepted();
    }

    public static Task<IResult> TerminateAsync(HttpContext context, string instanceId) =>
        UnlessFinishedAsync(context, instanceId, (client, reason) => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), context.RequestAborted));

    public static Task<IResult> SuspendAsync(HttpContext context, string instanceId) =>
        UnlessFinishedAsync(context, instanceId, (client, reason) => client.SuspendInstanceAsync(instanceId, reason, context.RequestAborted));

    public static Task<IResult> ResumeAsync(HttpContext context, string instanceId) =>
        UnlessFinishedAsync(context, instanceId, (client, reason) => client.ResumeInstanceAsync(instanceId, reason, context.RequestAborted));

    public static async Task<IResult> RewindAsync(HttpContext context, string instanceId)
    {
        var client = Client(context);
        var status = await client.GetInstanceAsync(instanceId, context.RequestAborted);
        if (status is null)
        {
            return Results.NotFound();
        }

        if (status.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated or (OrchestrationRuntimeStatus)4)
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        await client.RewindInstanceAsync(instanceId, Reason(context) ?? string.Empty, context.RequestAborted);
        return Results.Accepted();
    }

    public static async Task<IResult> RestartAsync(HttpContext context, string instanceId)
    {
        var client = Client(context);
        var withNewId = Bool(context.Request.Query, "restartWithNewInstanceId") ?? true;
        string id;
        try
        {
            id = await client.RestartAsync(instanceId, withNewId, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "InstanceId does not match a valid orchestration instance.", ex);
        }

        return await WaitOrCheckStatusAsync(context, client, id);
    }

    /// <summary>Answers failures as the extension does, without exception types, stack traces or paths.</summary>
    public static async ValueTask<object?> TranslateErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.Query;
        var options = Options(context.HttpContext);
        if (query.TryGetValue("taskHub", out var hub) && !string.IsNullOrWhiteSpace(hub) && !string.Equals(hub, options.HubName, StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, $"This host serves task hub '{options.HubName}' only, not '{hub}'.");
        }

        try
        {
            return await next(context);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Error(StatusCodes.Status409Conflict, "An instance with this ID already exists and is not finished.", ex);
        }
        catch (NotSupportedException ex)
        {
            return Error(StatusCodes.Status501NotImplemented, "The orchestration service does not support this operation.", ex);
        }
        catch (InvalidOperationException ex)
        {
            return Error(StatusCodes.Status409Conflict, "The instance is not in a state that allows this operation.", ex);
        }
        catch (ArgumentException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "One or more of the arguments submitted is incorrect", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Error(StatusCodes.Status500InternalServerError, "Something went wrong while processing your request");
        }
    }

    private static async Task<IResult> StatusResponseAsync(
        HttpContext context, DurableTaskClient client, string instanceId, bool showHistory, bool showHistoryOutput, bool showInput, bool failWith500)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, context.RequestAborted);
        if (metadata is null)
        {
            return Results.NotFound();
        }

        JsonArray? history = null;
        if (showHistory && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            history = StatusJson.History(await client.GetOrchestrationHistoryAsync(instanceId, context.RequestAborted), showHistoryOutput, showInput);
        }

        var body = StatusJson.Status(metadata, showInput, history);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended or (OrchestrationRuntimeStatus)2:
                context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
                context.Response.Headers.RetryAfter = "5";
                return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
            case OrchestrationRuntimeStatus.Failed:
                return Results.Json(body, statusCode: failWith500 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
            default:
                return Results.Json(body, statusCode: StatusCodes.Status200OK);
        }
    }

    /// <summary>
    /// With <c>timeout</c> and <c>pollingInterval</c> (seconds), waits up to the timeout: a completed instance answers 200
    /// with its output, a failed or terminated one with its status; otherwise, or without them, the check-status 202.
    /// </summary>
    private static async Task<IResult> WaitOrCheckStatusAsync(HttpContext context, DurableTaskClient client, string instanceId)
    {
        var query = context.Request.Query;
        var timeout = Seconds(query, "timeout");
        if (timeout is not { } wait || Seconds(query, "pollingInterval") is null)
        {
            return DurableTaskHttpManagement.CreateCheckStatusResponse(context.Request, instanceId);
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        waiting.CancelAfter(wait);
        OrchestrationMetadata metadata;
        try
        {
            metadata = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, waiting.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return DurableTaskHttpManagement.CreateCheckStatusResponse(context.Request, instanceId);
        }

        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? Results.Json(StatusJson.Parse(metadata.SerializedOutput), statusCode: StatusCodes.Status200OK)
            : await StatusResponseAsync(context, client, instanceId, showHistory: false, showHistoryOutput: false, showInput: true, failWith500: false);
    }

    private static async Task<IResult> UnlessFinishedAsync(HttpContext context, string instanceId, Func<DurableTaskClient, string?, Task> operation)
    {
        var client = Client(context);
        var status = await client.GetInstanceAsync(instanceId, context.RequestAborted);
        if (status is null)
        {
            return Results.NotFound();
        }

        if (IsFinished(status.RuntimeStatus))
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        await operation(client, Reason(context));
        return Results.Accepted();
    }

    private static async Task<(object? Value, IResult? Invalid)> ReadJsonBodyAsync(HttpRequest request, bool required)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? (null, Error(StatusCodes.Status400BadRequest, "Invalid JSON content")) : (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<JsonElement>(text), null);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "Invalid JSON content"));
        }
    }

    private static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or (OrchestrationRuntimeStatus)4;

    private static IResult Error(int statusCode, string message, Exception? exception = null)
    {
        var body = new JsonObject { ["Message"] = message };
        if (exception is not null)
        {
            body["ExceptionMessage"] = exception.Message;
        }

        return Results.Json(body, statusCode: statusCode);
    }

    private static DurableTaskClient Client(HttpContext context) => context.RequestServices.GetRequiredService<DurableTaskClient>();

    private static DurableTaskSelfHostOptions Options(HttpContext context) =>
        context.RequestServices.GetService<IOptions<DurableTaskSelfHostOptions>>()?.Value ?? new DurableTaskSelfHostOptions();

    private static string? Reason(HttpContext context) => context.Request.Query.TryGetValue("reason", out var reason) ? reason.ToString() : null;

    private static bool? Bool(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && bool.TryParse(value, out var parsed) ? parsed : null;

    private static int? Int(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static TimeSpan? Seconds(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? TimeSpan.FromSeconds(parsed)
            : null;

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary><c>runtimeStatus</c>, comma-separated and repeatable; names that are not statuses are ignored, as the extension ignores them.</summary>
    private static List<OrchestrationRuntimeStatus> Statuses(IQueryCollection query) => query.TryGetValue("runtimeStatus", out var values)
        ? values
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<OrchestrationRuntimeStatus>(v, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : (OrchestrationRuntimeStatus?)null)
            .Where(s => s is not null)
            .Select(s => s!.Value)
            .Distinct()
            .ToList()
        : [];
}
