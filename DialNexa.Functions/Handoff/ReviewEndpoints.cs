using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The review queue, under the admin-key rule of the management API: <c>GET /api/review</c> lists the open items
/// (<c>?resolved=true</c>: the resolved ones, with their resolution), and <c>POST /api/review/{instanceId}/resolve</c>
/// takes one off the queue with who did it and a note. The instance ID is the call ID, or a late delivery's ID.
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
        return app;
    }

    private static async Task<IResult> ListAsync(bool? resolved, DurableTaskClient client, ReviewResolutions resolutions, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        string? token = null;
        do
        {
            var (instances, next) = await client.GetAllInstancesAsync(new InstanceQuery { PageSize = 500, ContinuationToken = token, FetchInputsAndOutputs = true }, cancellationToken);
            foreach (var instance in instances.Where(i => IsReviewable(i) && CallStatusEndpoints.StageOf(i) == nameof(HandoffStage.InReview)))
            {
                var call = CallStatusEndpoints.Describe(instance);

                var resolution = await resolutions.ReadAsync(instance.InstanceId, cancellationToken);
                if ((resolution is not null) != (resolved ?? false))
                {
                    continue;
                }

                var entry = new JsonObject
                {
                    ["callId"] = call["callId"]?.DeepClone(),
                    ["workflow"] = call["workflow"]?.DeepClone(),
                    ["review"] = call["review"]?.DeepClone(),
                    ["lastUpdatedTime"] = instance.LastUpdatedAt,
                };
                if (instance.Name == nameof(LateDeliveryOrchestrator))
                {
                    entry["lateDelivery"] = instance.InstanceId;
                }

                if (resolution is not null)
                {
                    entry["resolution"] = JsonSerializer.SerializeToNode(resolution, DurableJson.Options);
                }

                items.Add(entry);
            }

            token = next;
        }
        while (token is not null);
        return Results.Json(new JsonObject { ["count"] = items.Count, ["calls"] = items });
    }

    private static async Task<IResult> ResolveAsync(
        string instanceId,
        HttpRequest request,
        DurableTaskClient client,
        ReviewResolutions resolutions,
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
            body = await JsonSerializer.DeserializeAsync<ResolveReviewRequest>(request.Body, DurableJson.Options, cancellationToken);
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

        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !IsReviewable(instance))
        {
            return Problem(StatusCodes.Status404NotFound, "No such call.", $"No handoff or late delivery exists with ID '{instanceId}'.");
        }

        var stage = CallStatusEndpoints.Describe(instance)["stage"]?.GetValue<string>();
        if (stage != nameof(HandoffStage.InReview))
        {
            return Problem(StatusCodes.Status409Conflict, "Not in review.", $"'{instanceId}' is {stage}, not in review; only calls in review can be resolved.");
        }

        // A reviewer may paste what the caller read out; the note is kept as a transcript would be.
        var resolution = new ReviewResolution(redactor.Redact(resolvedBy).Text, body.Note is { } note ? redactor.Redact(note).Text : null, time.GetUtcNow());
        if (!await resolutions.TryResolveAsync(instanceId, resolution, cancellationToken))
        {
            var earlier = await resolutions.ReadAsync(instanceId, cancellationToken);
            return Problem(StatusCodes.Status409Conflict, "Already resolved.", $"'{instanceId}' was resolved by {earlier?.ResolvedBy} at {earlier?.ResolvedAt:u}; that resolution stands.");
        }

        return Results.Json(new { instanceId, callId = CallStatusEndpoints.Describe(instance)["callId"]?.GetValue<string>(), resolution });
    }

    private static bool IsReviewable(OrchestrationMetadata instance) => instance.Name is nameof(CallHandoffOrchestrator) or nameof(LateDeliveryOrchestrator);

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    private sealed record ResolveReviewRequest(string? ResolvedBy, string? Note);
}
