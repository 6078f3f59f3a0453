using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using DialNexa.Functions.Hosting;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// <c>GET /api/calls/{callId}</c> (the handoff's state, with its review resolution once resolved),
/// <c>GET /api/calls/{callId}/transcript</c> (redacted) and <c>/recording</c>, and <c>DELETE /api/calls/{callId}</c>
/// (erase a finished call), under the admin-key rule of the management API.
/// </summary>
internal static class CallStatusEndpoints
{
    public static WebApplication MapCallStatus(this WebApplication app)
    {
        var group = app.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        group.MapGet("/calls/{callId}", GetCallAsync);
        group.MapGet("/calls/{callId}/transcript", GetTranscriptAsync);
        group.MapGet("/calls/{callId}/recording", GetRecordingAsync);
        group.MapDelete("/calls/{callId}", EraseAsync);
        return app;
    }

    private static async Task<IResult> GetCallAsync(string callId, DurableTaskClient client, ReviewQueue reviews, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var call = Describe(instance);
        if (call["stage"]?.GetValue<string>() == nameof(HandoffStage.InReview) && await reviews.ReadResolvedAsync(callId, cancellationToken) is { } resolved)
        {
            call["reviewResolution"] = JsonSerializer.SerializeToNode(resolved.Resolution, DurableJson.Options);
        }

        if (instance.RuntimeStatus.IsTerminal() && await reviews.LateDeliveriesOfAsync(callId, cancellationToken) is { Count: > 0 } late)
        {
            call["lateDeliveries"] = new JsonArray([.. late.Select(l => new JsonObject { ["instanceId"] = l.InstanceId, ["resolved"] = l.Resolved })]);
        }

        return Results.Json(call);
    }

    /// <summary>Erases a finished call and everything kept for it (a data-subject request, or housekeeping).</summary>
    private static async Task<IResult> EraseAsync(string callId, CallEraser eraser, CancellationToken cancellationToken)
    {
        var (erased, refusal) = await eraser.EraseAsync(callId, cancellationToken);
        return (erased, refusal) switch
        {
            ({ } done, _) => Results.Json(done),
            (null, { } why) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The call is still running.", detail: why),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'."),
        };
    }

    private static async Task<IResult> GetTranscriptAsync(string callId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        var input = instance?.Name == nameof(CallHandoffOrchestrator) ? instance.ReadInputAs<CallHandoffInput>() : null;
        if (input is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var redacted = await client.GetPayloadAsync("redacted:" + input.FirstEvent.InboxKey, cancellationToken);
        if (redacted is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not redacted yet.", detail: $"Call '{callId}' has not been redacted yet; try again shortly.");
        }

        var call = JsonSerializer.Deserialize<RedactedCall>(redacted.Value.Span, DurableJson.Options)!;
        return Results.Json(new { callId, turns = call.Turns, summary = call.Summary, suppression = call.Suppression, redactions = call.Redactions });
    }

    /// <summary>Redirects an authorised caller to DialNexa's pre-signed recording URL, which notes never carry.</summary>
    private static async Task<IResult> GetRecordingAsync(string callId, DurableTaskClient client, CallRecordingStore recordings, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var url = await recordings.ReadAsync(callId, cancellationToken);
        return Uri.TryCreate(url, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttps
            ? Results.Redirect(target.AbsoluteUri)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No recording.", detail: $"DialNexa sent no HTTPS recording URL for call '{callId}' (yet).");
    }

    /// <summary>
    /// The stage a handoff (or late delivery) last reported, read from its snapshot's top level only: cheap enough to
    /// sift many instances before <see cref="Describe"/> parses the few that matter.
    /// </summary>
    internal static string? StageOf(OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended))
        {
            return null;
        }

        if (SnapshotJsonOf(instance) is not { } json)
        {
            return null;
        }

        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stage"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    /// <summary>The status snapshot an instance last reported: its output once completed, its custom status before.</summary>
    internal static string? SnapshotJsonOf(OrchestrationMetadata instance) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.SerializedOutput : instance.SerializedCustomStatus;

    /// <summary>The call-status JSON of a handoff (or a late delivery): its stage and the snapshot it last reported.</summary>
    internal static JsonObject Describe(OrchestrationMetadata instance)
    {
        var snapshotJson = SnapshotJsonOf(instance);
        var snapshot = snapshotJson is null ? new JsonObject() : JsonNode.Parse(snapshotJson)?.AsObject() ?? new JsonObject();
        var body = new JsonObject
        {
            ["callId"] = snapshot["callId"]?.DeepClone() ?? instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["stage"] = instance.RuntimeStatus switch
            {
                OrchestrationRuntimeStatus.Pending => nameof(HandoffStage.Received),
                OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => instance.RuntimeStatus.ToString(),
                _ => snapshot["stage"]?.DeepClone() ?? nameof(HandoffStage.Received),
            },
            ["createdTime"] = instance.CreatedAt,
            ["lastUpdatedTime"] = instance.LastUpdatedAt,
        };
        foreach (var name in new[] { "workflow", "context", "match", "plannedActions", "approvalReasons", "approval", "actions", "review", "suppression", "redactions", "links", "summary", "notifications" })
        {
            body[name] = snapshot[name]?.DeepClone();
        }

        if (instance.FailureDetails is { } failure)
        {
            body["failure"] = new JsonObject { ["type"] = failure.ErrorType, ["message"] = failure.ErrorMessage };
        }

        return body;
    }
}
