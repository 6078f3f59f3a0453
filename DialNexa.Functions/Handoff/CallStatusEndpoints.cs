using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Json;
using DialNexa.Functions.Review;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// <c>GET /api/calls/{callId}</c> (the handoff's state, with its review resolution once resolved),
/// <c>GET /api/calls/{callId}/transcript</c> (redacted) and <c>/recording</c>, and <c>DELETE /api/calls/{callId}</c>
/// (erase a finished call), under the admin-key rule of the management API. The two GETs also answer for a late
/// delivery's instance ID (<c>{callId}:late:{hash}</c>): its own review state and its own redacted delivery.
/// </summary>
internal static class CallStatusEndpoints
{
    public static WebApplication MapCallStatus(this WebApplication app)
    {
        var group = app.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        group.MapGet("/calls/{callId}", GetCallAsync);
        group.MapGet("/calls/{callId}/transcript", GetTranscriptAsync);
        group.MapGet("/calls/{callId}/recording", GetRecordingAsync);
        return app;
    }

    internal static async Task<IResult> GetCallAsync(string callId, IDurableClientSource clients, ReviewQueue reviews, LateDeliveryReviews lateReviews, ActionReruns reruns, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.Name == nameof(LateDeliveryOrchestrator))
        {
            return Results.Json(await DescribeLateDeliveryAsync(instance, reviews, cancellationToken));
        }

        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var call = Describe(instance);
        if (call["stage"]?.GetValue<string>() == nameof(HandoffStage.InReview) && await reviews.ReadResolvedAsync(callId, cancellationToken) is { } resolved)
        {
            call["reviewResolution"] = JsonSerializer.SerializeToNode(resolved.Resolution, AppJson.Options);
        }

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && await reviews.ReadOpenAsync(callId, cancellationToken) is { } failedInReview)
        {
            call["review"] = new JsonArray([.. failedInReview.Review.Select(r => JsonValue.Create(r))]);
        }

        if (instance.IsCompleted && await lateReviews.ListAsync(callId, cancellationToken) is { Count: > 0 } late)
        {
            call["lateDeliveries"] = new JsonArray([.. late.Select(l => new JsonObject { ["instanceId"] = l.InstanceId, ["resolved"] = l.Resolved })]);
        }

        if (instance.IsCompleted && await reruns.ListAsync(callId, cancellationToken) is { Count: > 0 } again)
        {
            call["reruns"] = new JsonArray([.. again.Select(r => DescribeRerun(r.Record, r.Instance))]);
        }

        return Results.Json(call);
    }

    /// <summary>
    /// A late delivery as its own status page shows it: the snapshot its review instance reported (callId is the call
    /// it belongs to), its instance ID, which delivery it was, and the review's resolution once resolved.
    /// </summary>
    private static async Task<JsonObject> DescribeLateDeliveryAsync(OrchestrationMetadata instance, ReviewQueue reviews, CancellationToken cancellationToken)
    {
        var late = Describe(instance);
        late["instanceId"] = instance.InstanceId;
        if (instance.ReadInputAs<LateDeliveryInput>() is { } input)
        {
            late["callId"] = input.CallId;
            late["lateDelivery"] = new JsonObject { ["eventName"] = input.Delivery.EventName, ["receivedAt"] = input.Delivery.ReceivedAt };
        }

        if (late["stage"]?.GetValue<string>() == nameof(HandoffStage.InReview) && await reviews.ReadResolvedAsync(instance.InstanceId, cancellationToken) is { } resolved)
        {
            late["reviewResolution"] = JsonSerializer.SerializeToNode(resolved.Resolution, AppJson.Options);
        }

        return late;
    }

    /// <summary>A re-run as the call's status lists it: who asked and when, where it stands, and the action's result (whole once done).</summary>
    private static JsonObject DescribeRerun(ActionRerun rerun, OrchestrationMetadata? instance)
    {
        var entry = JsonSerializer.SerializeToNode(rerun, AppJson.Options)!.AsObject();
        entry["runtimeStatus"] = instance?.RuntimeStatus.ToString() ?? "Purged";
        if (instance is not null && SnapshotJsonOf(instance) is { } json && AppJson.Deserialize<ActionRerunStatus>(json) is { } status)
        {
            entry["result"] = JsonSerializer.SerializeToNode(status.Result, AppJson.Options);
            entry["messages"] = JsonSerializer.SerializeToNode(status.Messages, AppJson.Options);
        }

        if (instance?.FailureDetails is { } failure)
        {
            entry["failure"] = new JsonObject { ["type"] = failure.ErrorType, ["message"] = failure.ErrorMessage };
        }

        return entry;
    }

    internal static async Task<IResult> GetTranscriptAsync(string callId, IDurableClientSource clients, CallInbox inbox, IAppDataStore store, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (instance?.Name == nameof(LateDeliveryOrchestrator)
            && await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken) is { } withInput
            && withInput.ReadInputAs<LateDeliveryInput>() is { } late)
        {
            var delivery = await store.GetJsonAsync<RedactedCall>(RedactCallActivity.KeyOf(late.CallId, late.Delivery.Hash), cancellationToken);
            return delivery is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not redacted yet.", detail: $"Late delivery '{callId}' has not been redacted yet; try again shortly.")
                : Results.Json(new { callId = late.CallId, instanceId = callId, eventName = late.Delivery.EventName, turns = delivery.Turns, summary = delivery.Summary, suppression = delivery.Suppression, redactions = delivery.Redactions }, AppJson.Options);
        }

        var ledger = instance?.Name == nameof(CallHandoffOrchestrator) ? await inbox.ReadLedgerAsync(callId, cancellationToken) : null;
        if (ledger is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var call = await store.GetJsonAsync<RedactedCall>(RedactCallActivity.KeyOf(callId, ledger.Deliveries[0].Hash), cancellationToken);
        if (call is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not redacted yet.", detail: $"Call '{callId}' has not been redacted yet; try again shortly.");
        }

        return Results.Json(new { callId, turns = call.Turns, summary = call.Summary, suppression = call.Suppression, redactions = call.Redactions }, AppJson.Options);
    }

    /// <summary>
    /// Redirects an authorised caller to DialNexa's pre-signed recording URL, which notes never carry, when it is an
    /// HTTPS URL on a host of <c>DialNexa__Recordings__AllowedHosts</c>; otherwise refuses, naming the host and the setting.
    /// </summary>
    internal static async Task<IResult> GetRecordingAsync(string callId, IDurableClientSource clients, CallRecordingStore recordings, IOptions<RecordingOptions> options, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'.");
        }

        var url = await recordings.ReadAsync(callId, cancellationToken);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No recording.", detail: $"DialNexa sent no recording URL for call '{callId}' (yet).");
        }

        return options.Value.Allows(target)
            ? Results.Redirect(target.AbsoluteUri)
            : Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The recording URL is not on an allowed host.",
                detail: $"DialNexa sent a {target.Scheme} recording URL on {target.IdnHost}, which is not an HTTPS URL on a host of {RecordingOptions.AllowedHostsSetting} ({options.Value.AllowedHosts}). If it is DialNexa's, add the host there.");
    }

    /// <summary>
    /// The stage a handoff (or late delivery) last reported, read from its snapshot's top level only: cheap enough to
    /// sift many instances before <see cref="Describe"/> parses the few that matter.
    /// </summary>
    /// <remarks>
    /// A Pending instance with a snapshot has run: only the orchestrator writes one. DurableTask.AzureStorage can leave a
    /// started instance's row at Pending when a host dies between an episode's history and its row update, so for the
    /// stage the snapshot is believed over the row.
    /// </remarks>
    internal static string? StageOf(OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending))
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
                OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => instance.RuntimeStatus.ToString(),
                _ => snapshot["stage"]?.DeepClone() ?? nameof(HandoffStage.Received),
            },
            ["createdTime"] = instance.CreatedAt.UtcDateTime,
            ["lastUpdatedTime"] = instance.LastUpdatedAt.UtcDateTime,
        };
        foreach (var name in new[] { "workflow", "context", "match", "plannedActions", "approvalReasons", "approval", "actions", "review", "suppression", "redactions", "links", "summary", "notifications", "messages" })
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
