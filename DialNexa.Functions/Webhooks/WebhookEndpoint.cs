using System.Globalization;
using System.Text.Json;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Retention;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Webhooks;

/// <summary>
/// <c>POST /api/dialnexa/webhook</c>: verify, then store and start side by side. A 2xx means the encrypted body is in
/// the call's inbox and its handoff (instance ID = call ID) has been started or told; repeats get the same answer and
/// start nothing new; a delivery the handoff no longer reads starts a late-delivery review; a store outage answers 503
/// so DialNexa retries (what was stored before the outage is picked up by the retry, or by the inbox reconciler).
/// </summary>
internal static class WebhookEndpoint
{
    public const string Route = "/api/dialnexa/webhook";

    public static IEndpointRouteBuilder MapDialNexaWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    internal static async Task<IResult> HandleAsync(
        HttpRequest request,
        WebhookSecretRing secrets,
        IOptions<WebhookOptions> options,
        CallInbox inbox,
        HandoffDeliveries deliveries,
        ErasedCalls erasedCalls,
        CallEraser eraser,
        TranscriptRedactor redactor,
        PublicBaseUrl links,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("DialNexa.Webhooks");
        var limit = options.Value.MaxWebhookBodyBytes;
        if (request.ContentLength > limit)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is {request.ContentLength} bytes; the limit is {limit} (DialNexa__MaxWebhookBodyBytes).");
        }

        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is over the limit of {limit} bytes (DialNexa__MaxWebhookBodyBytes).");
        }

        var signature = WebhookSignature.HeaderNames.Select(h => request.Headers[h].ToString()).FirstOrDefault(v => v.Length > 0);
        if (signature is not null && !WebhookSignature.Matches(body, signature, secrets.Secrets))
        {
            return Refuse(logger, StatusCodes.Status401Unauthorized, "The signature does not match.", "The X-DialNexa-Signature (or x-nexa-signature) header is not the HMAC-SHA256 of the body with " + SecretSource(secrets));
        }

        if (FirstInvalidUtf8Byte(body) is { } invalidAt)
        {
            return signature is null
                ? MissingSignature(logger)
                : Refuse(logger, StatusCodes.Status400BadRequest, "The body is not valid UTF-8.", $"Byte {invalidAt} starts a sequence that is not UTF-8; JSON must be sent as UTF-8. Nothing was stored.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return signature is null
                ? MissingSignature(logger)
                : Refuse(logger, StatusCodes.Status400BadRequest, "The body is not valid JSON.", $"JSON error at byte {ex.BytePositionInLine} of line {ex.LineNumber + 1}: {ex.Message}");
        }

        using (document)
        {
            var (dialNexaEvent, problem) = DialNexaEventReader.Read(document.RootElement);
            if (signature is null)
            {
                // Registration sends an unsigned verification request; it changes nothing, so it may pass unsigned.
                return dialNexaEvent?.Kind == DialNexaEventKind.Verification ? Results.Ok(new { status = "verified" }) : MissingSignature(logger);
            }

            if (dialNexaEvent is null)
            {
                return Refuse(logger, StatusCodes.Status400BadRequest, "The body is not a DialNexa event.", problem!);
            }

            try
            {
                return dialNexaEvent.Kind switch
                {
                    DialNexaEventKind.Verification => Results.Ok(new { status = "verified" }),
                    DialNexaEventKind.CallStarted => Ignore(logger, dialNexaEvent, "a call start carries nothing to hand off; the handoff starts when the call ends."),
                    DialNexaEventKind.Unknown => Ignore(logger, dialNexaEvent, "this receiver does not act on this event (it acts on call_ended, call.completed, transfer_completed and their legacy names); acknowledged so DialNexa does not retry it."),
                    _ => await AcceptCallEventAsync(request, dialNexaEvent, document.RootElement, body, inbox, deliveries, erasedCalls, eraser, redactor, links, logger, cancellationToken),
                };
            }
            catch (Exception ex) when (StoreOutage.Is(ex) && !cancellationToken.IsCancellationRequested)
            {
                WebhookLog.StoreUnavailable(logger, ex);
                request.HttpContext.Response.Headers.RetryAfter = "5";
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is unavailable.", detail: "Nothing was stored; retry the delivery.");
            }
        }
    }

    private static async Task<IResult> AcceptCallEventAsync(
        HttpRequest request,
        DialNexaEvent dialNexaEvent,
        JsonElement root,
        byte[] body,
        CallInbox inbox,
        HandoffDeliveries deliveries,
        ErasedCalls erasedCalls,
        CallEraser eraser,
        TranscriptRedactor redactor,
        PublicBaseUrl links,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var callId = dialNexaEvent.CallId!;
        if (CallIdRules.Validate(callId) is { } invalid)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The call ID cannot be used.", invalid);
        }

        // A call ID is the key of everything kept for the call and is shown in Slack: it cannot be redacted, so one
        // that holds a card, bank or tax number is refused (and not repeated in the answer).
        if (IdentifierRedaction.HoldsSensitiveNumber(callId, redactor))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The call ID cannot be used.", "The call ID holds what reads as a card, bank or tax number; it would be stored and shown as it is, so the delivery was refused. Nothing was stored.");
        }

        // What the handoff will read is read now: a delivery it could not read is refused here, with the reason,
        // instead of being accepted and failing later where DialNexa cannot see it.
        if (DialNexaCallReader.Problem(root) is { } unreadable)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The delivery cannot be read.", unreadable + " Nothing was stored.");
        }

        // DialNexa signs no timestamp, so a body once signed is valid for ever: an erased call's old deliveries are
        // refused, or a resend would create the call (its data, its Slack posts) again.
        if (await erasedCalls.ErasedAtAsync(callId, cancellationToken) is { } erasedAt)
        {
            return Erased(logger, callId, erasedAt);
        }

        InboxAcceptance accepted;
        try
        {
            accepted = await inbox.AcceptAsync(callId, dialNexaEvent.EventName, body, delivery => deliveries.StartAsync(callId, delivery, cancellationToken), cancellationToken);
        }
        catch (InboxFullException ex)
        {
            return Refuse(logger, StatusCodes.Status409Conflict, "Too many deliveries for this call.", ex.Message);
        }

        // Erased while this delivery was being stored: what it stored goes too, and a handoff it started is ended.
        if (await erasedCalls.ErasedAtAsync(callId, cancellationToken) is { } erasedMeanwhile)
        {
            if (accepted.StartedAlongside == true)
            {
                await deliveries.EndErasedAsync(callId, cancellationToken);
            }

            await eraser.EraseRemainsAsync(callId, cancellationToken);
            return Erased(logger, callId, erasedMeanwhile);
        }

        var outcome = await deliveries.DeliverAsync(callId, accepted, cancellationToken);
        WebhookLog.Accepted(logger, dialNexaEvent.EventName, callId, outcome);
        return CheckStatusResponse.For(request.HttpContext.Response, links.Value, callId);
    }

    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence, or null when the body is UTF-8.</summary>
    private static int? FirstInvalidUtf8Byte(byte[] body)
    {
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        var offset = 0;
        while (offset < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body.AsSpan(offset), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static IResult Erased(ILogger logger, string callId, DateTimeOffset erasedAt) =>
        Refuse(logger, StatusCodes.Status410Gone, "The call was erased.", string.Create(CultureInfo.InvariantCulture, $"Call '{callId}' was erased at {erasedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; its deliveries are refused so it is not created again. Nothing was stored."));

    /// <summary>Which secret a signature is checked against, named without revealing it.</summary>
    private static string SecretSource(WebhookSecretRing secrets) => secrets.IsLocal
        ? $"the local development secret generated in the data directory (file '{WebhookSecretRing.LocalSecretFileName}'), because DialNexa__WebhookSecrets is not set. Sign with that file's secret (send-sample does), or set DialNexa__WebhookSecrets to the secret DialNexa uses."
        : "any secret in DialNexa__WebhookSecrets (the configured setting).";

    private static IResult Ignore(ILogger logger, DialNexaEvent dialNexaEvent, string reason)
    {
        WebhookLog.Ignored(logger, dialNexaEvent.EventName, reason);
        return Results.Json(new { status = "ignored", eventType = dialNexaEvent.EventName }, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult MissingSignature(ILogger logger) =>
        Refuse(logger, StatusCodes.Status401Unauthorized, "The signature is missing.", "Send X-DialNexa-Signature (or x-nexa-signature): sha256=<lower-case hex HMAC-SHA256 of the raw body with the webhook secret>.");

    private static IResult Refuse(ILogger logger, int status, string title, string detail)
    {
        WebhookLog.Refused(logger, title);
        return Results.Problem(statusCode: status, title: title, detail: detail);
    }
}
