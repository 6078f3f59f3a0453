using System.Text.Json;
using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Calls;

/// <summary>
/// Reads the routing facts of a delivery: the current scheme (<c>event_type</c> + <c>payload.call</c>), the legacy
/// scheme (<c>event</c> with dotted names, <c>session_id</c>) and the flat verification request.
/// </summary>
internal static class DialNexaEventReader
{
    /// <summary>
    /// The name DialNexa's webhook subscription API (and its OpenAPI example) uses for "a call ends successfully": the
    /// same event as <c>call_ended</c> with status <c>completed</c>, so it is read as a call end under either key.
    /// </summary>
    public const string CallCompleted = "call.completed";

    /// <summary>The event, or a sentence saying what is missing or unreadable.</summary>
    public static (DialNexaEvent? Event, string? Problem) Read(JsonElement root)
    {
        try
        {
            return ReadEvent(root);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
    }

    private static (DialNexaEvent? Event, string? Problem) ReadEvent(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object.");
        }

        if (Text(root, "event_type") is { } eventType)
        {
            var call = root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("call", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var kind = eventType switch
            {
                "call_initiated" => DialNexaEventKind.CallStarted,
                "call_ended" or CallCompleted => DialNexaEventKind.CallEnded,
                "transfer_completed" => DialNexaEventKind.CallDetails,
                _ => DialNexaEventKind.Unknown,
            };
            var callId = call.ValueKind == JsonValueKind.Object ? Text(call, "id") : null;
            if (kind is DialNexaEventKind.CallEnded or DialNexaEventKind.CallDetails && string.IsNullOrWhiteSpace(callId))
            {
                return (null, $"A '{eventType}' event must carry payload.call.id.");
            }

            return (new DialNexaEvent(kind, eventType, callId, call.ValueKind == JsonValueKind.Object ? Text(call, "status") : null), null);
        }

        if (Text(root, "event") is { } legacy)
        {
            var kind = legacy switch
            {
                "call.started" => DialNexaEventKind.CallStarted,
                "call.ended" or CallCompleted => DialNexaEventKind.CallEnded,
                "call.transcript_ready" or "call.analysis_ready" => DialNexaEventKind.CallDetails,
                _ => DialNexaEventKind.Unknown,
            };
            var callId = Text(root, "session_id") ?? Text(root, "call_id");
            if (kind is DialNexaEventKind.CallEnded or DialNexaEventKind.CallDetails && string.IsNullOrWhiteSpace(callId))
            {
                return (null, $"A '{legacy}' event must carry session_id.");
            }

            return (new DialNexaEvent(kind, legacy, callId, null), null);
        }

        if (root.TryGetProperty("message", out _) && root.TryGetProperty("timestamp", out _))
        {
            return (new DialNexaEvent(DialNexaEventKind.Verification, "verification", null, null), null);
        }

        return (null, "The body has neither 'event_type' (current scheme) nor 'event' (legacy scheme), and is not a verification request.");
    }

    private static string? Text(JsonElement element, string name) => JsonFields.StringOnly(element, name);
}
