using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// <c>POST /api/slack/interactions</c>: Slack's Approve/Reject clicks. The request must carry a valid v0 signature
/// with a fresh timestamp; only clicks by configured approvers (by Slack member ID) count. The decision is raised and
/// the click acknowledged at once (Slack allows 3 seconds); the message is updated afterwards through response_url.
/// </summary>
internal static partial class SlackInteractionEndpoint
{
    public const int MaxBodyBytes = 64 * 1024;

    public static WebApplication MapSlackInteractions(this WebApplication app)
    {
        app.MapPost("/api/slack/interactions", HandleAsync);
        return app;
    }

    internal static async Task<IResult> HandleAsync(
        HttpContext http,
        IOptions<SlackInteractivityOptions> slack,
        IOptionsMonitor<ApprovalsOptions> approvals,
        ISecretResolver secrets,
        ApprovalStore store,
        ApprovalDecisions decisions,
        SlackResponder responder,
        TimeProvider time,
        ILogger<SlackResponder> logger,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var secret = await secrets.ResolveAsync(slack.Value.SigningSecret, cancellationToken);
        if (string.IsNullOrEmpty(secret))
        {
            Refused(logger, "no signing secret configured");
            return Problem(StatusCodes.Status401Unauthorized, "Slack interactions are not configured.", $"Set {SlackInteractivityOptions.SigningSecretSetting} to the Slack app's signing secret.");
        }

        var body = await BoundedBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large.", $"Slack interaction bodies are at most {MaxBodyBytes} bytes.");
        }

        var check = SlackSignature.Verify(secret, http.Request.Headers[SlackSignature.TimestampHeader], http.Request.Headers[SlackSignature.SignatureHeader], body, time.GetUtcNow(), TimeSpan.FromSeconds(slack.Value.MaxClockSkewSeconds));
        if (check != SlackSignatureCheck.Valid)
        {
            Refused(logger, "signature " + check);
            return Problem(StatusCodes.Status401Unauthorized, "Slack signature refused.", check switch
            {
                SlackSignatureCheck.Missing => $"The request lacks {SlackSignature.SignatureHeader} or {SlackSignature.TimestampHeader}.",
                SlackSignatureCheck.Stale => $"{SlackSignature.TimestampHeader} is more than {slack.Value.MaxClockSkewSeconds} seconds from now.",
                _ => $"{SlackSignature.SignatureHeader} does not match the body signed with {SlackInteractivityOptions.SigningSecretSetting}.",
            });
        }

        JsonNode? payload;
        try
        {
            var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
            payload = form.TryGetValue("payload", out var raw) ? JsonNode.Parse(raw.ToString()) : null;
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is not JsonObject)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a Slack interaction.", "The body must be form-encoded with a 'payload' field holding the interaction JSON.");
        }

        var action = Text(payload["type"]) == "block_actions" && payload["actions"] is JsonArray actions
            ? actions.OfType<JsonObject>().FirstOrDefault(a => Text(a["action_id"]) is SlackApprovalMessages.ApproveActionId or SlackApprovalMessages.RejectActionId)
            : null;
        if (action is null)
        {
            // Link buttons and other interactions send payloads too; they only need the acknowledgement.
            return Results.Ok();
        }

        var approve = Text(action["action_id"]) == SlackApprovalMessages.ApproveActionId;
        var requestId = Text(action["value"]) ?? "";
        var userId = Text((payload["user"] as JsonObject)?["id"]) ?? "";
        var responseUrl = Uri.TryCreate(Text(payload["response_url"]), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
        if (responseUrl is not null && !slack.Value.AllowsResponseUrl(responseUrl))
        {
            Refused(logger, $"response_url on {responseUrl.IdnHost} is not on a host of {SlackInteractivityOptions.ResponseUrlHostsSetting}; the reply is not sent");
            responseUrl = null;
        }

        var message = payload["message"] as JsonObject;
        var reply = await DecideAsync(approvals.CurrentValue, store, decisions, requestId, userId, approve, message, cancellationToken);
        if (responseUrl is not null)
        {
            responder.Enqueue(responseUrl, reply);
        }

        Acknowledged(logger, clock.ElapsedMilliseconds);
        return Results.Ok();
    }

    private static async Task<JsonObject> DecideAsync(ApprovalsOptions options, ApprovalStore store, ApprovalDecisions decisions, string requestId, string userId, bool approve, JsonNode? message, CancellationToken cancellationToken)
    {
        var approver = options.FindBySlackUser(userId);
        if (approver is null)
        {
            return SlackApprovalMessages.Private("Only configured finance approvers can decide this request; your click was not counted.");
        }

        var request = requestId.Length is > 0 and <= 300 && ApprovalRequestIds.CallIdOf(requestId) is { } callId ? await store.GetRequestAsync(callId, requestId, cancellationToken) : null;
        if (request is null)
        {
            return SlackApprovalMessages.Private("This approval request is unknown here; nothing was recorded.");
        }

        var result = await decisions.DecideAsync(new ApprovalTicket(request.CallId, request.RequestId, approver.Email, request.ExpiresAt), approve, null, "slack", cancellationToken);
        return result.State switch
        {
            ApprovalState.Recorded when result.Earlier is not null => SlackApprovalMessages.Decided(message, $"{(approve ? ":white_check_mark: Approved" : ":x: Rejected")} by {SlackText.Escape(approver.DisplayName)} at {SlackApprovalMessages.When(result.Decision!.DecidedAt)}."),
            ApprovalState.Recorded => SlackApprovalMessages.Private($"Your approval is recorded ({result.Approvals} of {request.Quorum} needed)."),
            ApprovalState.AlreadyUsed => SlackApprovalMessages.Private($"You already {(result.Decision!.Approved ? "approved" : "rejected")} this request at {SlackApprovalMessages.When(result.Decision.DecidedAt)}."),
            ApprovalState.AlreadyDecided => SlackApprovalMessages.Decided(message, $"{(result.Earlier!.Approved ? "Approved" : "Rejected")} by {SlackText.Escape(NameOf(request, result.Earlier.Approver))} at {SlackApprovalMessages.When(result.Earlier.DecidedAt)}."),
            ApprovalState.BankAccountNeeded => SlackApprovalMessages.Private("This request adds a company bank account, whose numbers are typed on the approval page: approve there with your review link. Nothing was recorded; Reject works here."),
            ApprovalState.Expired or ApprovalState.Closed => SlackApprovalMessages.Decided(message, "This request is closed: no decision came in time and the call went to the review queue, or it finished."),
            _ => SlackApprovalMessages.Private("You are not an approver of this request; your click was not counted."),
        };
    }

    /// <summary>The string a JSON node holds, or null when it is missing or of another JSON type.</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string NameOf(ApprovalRequest request, string approver) =>
        request.Approvers.FirstOrDefault(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase))?.Name ?? approver;

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(2260, LogLevel.Warning, "Slack interaction refused: {Reason}.")]
    private static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(2261, LogLevel.Information, "Slack approval click acknowledged in {Milliseconds} ms.")]
    private static partial void Acknowledged(ILogger logger, long milliseconds);
}
