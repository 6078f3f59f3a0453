using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Json;
using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Review;

/// <summary>
/// The review queue, under the admin-key rule of the management API: <c>GET /api/review</c> lists the open items
/// (<c>?resolved=true</c>: the resolved ones, with their resolution), and <c>POST /api/review/{instanceId}/resolve</c>
/// takes one off the queue with who did it and a note. The instance ID is the call ID, or a late delivery's ID.
/// Re-running a call's action from review belongs to the handoff (see <c>ActionRerunEndpoint</c>).
/// </summary>
internal static class ReviewEndpoints
{
    public static WebApplication MapReview(this WebApplication app)
    {
        var group = app.MapGroup("/api/review").AddEndpointFilter<AdminKeyFilter>();
        group.MapGet("", ListAsync);
        group.MapPost("/{instanceId}/resolve", ResolveAsync);
        return app;
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
        IReviewSubjects subjects,
        ReviewQueue queue,
        TranscriptRedactor redactor,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var (resolvedBy, note, refused) = await ReviewerRequest.ReadAsync<ResolveReviewRequest>(
            request, "resolvedBy", "Say who resolved it.", body => body.ResolvedBy, body => body.Note, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (await subjects.FindAsync(instanceId, cancellationToken) is not { } subject)
        {
            return Problem(StatusCodes.Status404NotFound, "No such call.", $"No handoff or late delivery exists with ID '{instanceId}'.");
        }

        // In review: a call whose status says so, or a failed handoff the queue holds (see FailedHandoffs).
        var open = await queue.ReadOpenAsync(instanceId, cancellationToken);
        if (!subject.InReview && !(subject.Failed && open is not null))
        {
            return Problem(StatusCodes.Status409Conflict, "Not in review.", $"'{instanceId}' is {subject.Stage}, not in review; only calls in review can be resolved.");
        }

        // A reviewer may paste what the caller read out; the note is kept as a transcript would be.
        var resolution = new ReviewResolution(redactor.Redact(resolvedBy).Text, note is not null ? redactor.Redact(note).Text : null, time.GetUtcNow());
        var item = open ?? subject.ItemFromStatus;
        if (await queue.TryResolveAsync(item, resolution, cancellationToken) is { } earlier)
        {
            return Problem(StatusCodes.Status409Conflict, "Already resolved.", $"'{instanceId}' was resolved by {earlier.Resolution.ResolvedBy} at {earlier.Resolution.ResolvedAt:u}; that resolution stands.");
        }

        return Results.Json(new { instanceId, callId = item.CallId, resolution });
    }

    private static IResult Problem(int status, string title, string detail) => ReviewerRequest.Problem(status, title, detail);

    private sealed record ResolveReviewRequest(string? ResolvedBy, string? Note);
}
