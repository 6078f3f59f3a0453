using DialNexa.Functions.HttpEdge;

namespace DialNexa.Functions.Retention;

/// <summary><c>DELETE /api/calls/{callId}</c>, under the admin-key rule of the status routes.</summary>
internal static class CallErasureEndpoint
{
    public static WebApplication MapCallErasure(this WebApplication app)
    {
        app.MapDelete("/api/calls/{callId}", EraseAsync).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    /// <summary>Erases a finished call and everything kept for it (a data-subject request, or housekeeping).</summary>
    internal static async Task<IResult> EraseAsync(string callId, CallEraser eraser, CancellationToken cancellationToken)
    {
        var (erased, refusal) = await eraser.EraseAsync(callId, cancellationToken);
        return (erased, refusal) switch
        {
            ({ } done, _) => Results.Json(done),
            (null, { } why) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The call is still running.", detail: why),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call.", detail: $"No handoff exists for call '{callId}'."),
        };
    }
}
