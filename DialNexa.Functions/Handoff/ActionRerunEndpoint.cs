using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Review;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// <c>POST /api/review/{callId}/actions/{kind}/rerun</c>, under the admin-key rule: runs one of the call's planned
/// provider actions again, through the durable runtime, with who asked (202; the call's status then lists it under
/// <c>reruns</c>).
/// </summary>
internal static class ActionRerunEndpoint
{
    public static WebApplication MapActionRerun(this WebApplication app)
    {
        app.MapPost("/api/review/{instanceId}/actions/{kind}/rerun", RerunAsync).AddEndpointFilter<AdminKeyFilter>();
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
        ArgumentNullException.ThrowIfNull(reruns);
        ArgumentNullException.ThrowIfNull(redactor);
        var (rerunBy, note, refused) = await ReviewerRequest.ReadAsync<RerunRequest>(
            request, "rerunBy", "Say who re-runs it.", body => body.RerunBy, body => body.Note, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var (started, refusal) = await reruns.StartAsync(instanceId, kind, redactor.Redact(rerunBy).Text, note is not null ? redactor.Redact(note).Text : null, cancellationToken);
        if (refusal is not null)
        {
            return ReviewerRequest.Problem(refusal.Status, refusal.Title, refusal.Detail);
        }

        return Results.Json(
            new { rerun = started!.InstanceId, callId = started.CallId, kind = started.Kind.ToString(), rerunBy = started.RerunBy, note = started.Note, requestedAt = started.RequestedAt, status = $"/api/calls/{Uri.EscapeDataString(started.CallId)}" },
            statusCode: StatusCodes.Status202Accepted);
    }

    private sealed record RerunRequest(string? RerunBy, string? Note);
}
