using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.AdminAccess;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Json;
using DialNexa.Functions.Redaction;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The review queue, under the admin-key rule of the management API: <c>GET /api/review</c> lists the open items
/// (<c>?resolved=true</c>: the resolved ones, with their resolution), and <c>POST /api/review/{instanceId}/resolve</c>
/// takes one off the queue with who did it and a note. The instance ID is the call ID, or a late delivery's ID.
/// <c>POST /api/review/{callId}/actions/{kind}/rerun</c> runs one of the call's planned provider actions again, through
/// the durable runtime, with who asked (202; the call's status then lists it under <c>reruns</c>).
/// </summary>
internal static class ReviewEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxNameLength = 200;
    private const int MaxNoteLength = 2000;

    public static WebApplication MapReview(this WebApplication app)
    {
        var group = app.MapGroup("/api/review").AddEndpointFilter<AdminKeyFilter>();
        group.MapGet("", ListAsync);
        group.MapPost("/{instanceId}/resolve", ResolveAsync);
        group.MapPost("/{instanceId}/actions/{kind}/rerun", RerunAsync);
        return app;
    }

    internal static async Task<IResult> RerunAsync(
        string instanceId,
        string kind,
        HttpRequest request,
        ActionReruns reruns,
        TranscriptRedactor redactor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reruns);
        ArgumentNullException.ThrowIfNull(redactor);

        // JSON only, as for resolving: a page elsewhere cannot post JSON to a loopback app without a preflight.
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "POST {\"rerunBy\": \"...\", \"note\": \"...\"} with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is {request.ContentLength} bytes; the limit is {MaxBodyBytes}.");
        }

        RerunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<RerunRequest>(request.Body, AppJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", ex.Message);
        }

        var rerunBy = body?.RerunBy?.Trim();
        if (string.IsNullOrEmpty(rerunBy) || rerunBy.Length > MaxNameLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Say who re-runs it.", $"\"rerunBy\" is required: the reviewer's name or email, at most {MaxNameLength} characters.");
        }

        if (body!.Note is { Length: > MaxNoteLength })
        {
            return Problem(StatusCodes.Status400BadRequest, "The note is too long.", $"\"note\" is {body.Note.Length} characters; the limit is {MaxNoteLength}.");
        }

        var (started, refusal) = await reruns.StartAsync(instanceId, kind, redactor.Redact(rerunBy).Text, body.Note is { } note ? redactor.Redact(note).Text : null, cancellationToken);
        if (refusal is not null)
        {
            return Problem(refusal.Status, refusal.Title, refusal.Detail);
        }

        return Results.Json(
            new { rerun = started!.InstanceId, callId = started.CallId, kind = started.Kind.ToString(), rerunBy = started.RerunBy, note = started.Note, requestedAt = started.RequestedAt, status = $"/api/calls/{Uri.EscapeDataString(started.CallId)}" },
            statusCode: StatusCodes.Status202Accepted);
    }

    internal static async Task<IResult> ListAsync(bool? resolved, ReviewQueue queue, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        if (resolved ?? false)
        {
            foreach (var done in await queue.ListResolvedAsync(cancellationToken))
            {
                var entry = Entry(done.Item);
                entry["resolution"] = JsonSerializer.SerializeToNode(done.Resolution, AppJson.Options);
                items.Add(entry);
            }
        }
        else
        {
            foreach (var item in await queue.ListOpenAsync(cancellationToken))
            {
                items.Add(Entry(item));
            }
        }

        return Results.Json(new JsonObject { ["count"] = items.Count, ["calls"] = items });
    }

    private static JsonObject Entry(ReviewItem item)
    {
        var entry = new JsonObject
        {
            ["callId"] = item.CallId,
            ["workflow"] = item.Workflow?.ToString(),
            ["review"] = new JsonArray([.. item.Review.Select(r => JsonValue.Create(r))]),
            ["openedAt"] = item.OpenedAt,
        };
        if (item.LateDelivery)
        {
            entry["lateDelivery"] = item.InstanceId;
        }

        return entry;
    }

    internal static async Task<IResult> ResolveAsync(
        string instanceId,
        HttpRequest request,
        IDurableClientSource clients,
        ReviewQueue queue,
        TranscriptRedactor redactor,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // JSON only: a page elsewhere can post a form to a loopback app, but not JSON without a preflight this app refuses.
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "POST {\"resolvedBy\": \"...\", \"note\": \"...\"} with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is {request.ContentLength} bytes; the limit is {MaxBodyBytes}.");
        }

        ResolveReviewRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ResolveReviewRequest>(request.Body, AppJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", ex.Message);
        }

        var resolvedBy = body?.ResolvedBy?.Trim();
        if (string.IsNullOrEmpty(resolvedBy) || resolvedBy.Length > MaxNameLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Say who resolved it.", $"\"resolvedBy\" is required: the reviewer's name or email, at most {MaxNameLength} characters.");
        }

        if (body!.Note is { Length: > MaxNoteLength })
        {
            return Problem(StatusCodes.Status400BadRequest, "The note is too long.", $"\"note\" is {body.Note.Length} characters; the limit is {MaxNoteLength}.");
        }

        var instance = await clients.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !ReviewQueue.IsReviewable(instance))
        {
            return Problem(StatusCodes.Status404NotFound, "No such call.", $"No handoff or late delivery exists with ID '{instanceId}'.");
        }

        // In review: a call whose status says so, or a failed handoff the queue holds (see FailedHandoffs).
        var stage = CallStatusEndpoints.Describe(instance)["stage"]?.GetValue<string>();
        var open = await queue.ReadOpenAsync(instanceId, cancellationToken);
        if (stage != nameof(HandoffStage.InReview) && !(instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && open is not null))
        {
            return Problem(StatusCodes.Status409Conflict, "Not in review.", $"'{instanceId}' is {stage}, not in review; only calls in review can be resolved.");
        }

        // A reviewer may paste what the caller read out; the note is kept as a transcript would be.
        var resolution = new ReviewResolution(redactor.Redact(resolvedBy).Text, body.Note is { } note ? redactor.Redact(note).Text : null, time.GetUtcNow());
        var item = open ?? ReviewQueue.ItemOf(instance);
        if (await queue.TryResolveAsync(item, resolution, cancellationToken) is { } earlier)
        {
            return Problem(StatusCodes.Status409Conflict, "Already resolved.", $"'{instanceId}' was resolved by {earlier.Resolution.ResolvedBy} at {earlier.Resolution.ResolvedAt:u}; that resolution stands.");
        }

        return Results.Json(new { instanceId, callId = item.CallId, resolution });
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    private sealed record ResolveReviewRequest(string? ResolvedBy, string? Note);

    private sealed record RerunRequest(string? RerunBy, string? Note);
}
