using System.Globalization;
using System.Text.Json;

namespace DialNexa.Functions.Calls;

/// <summary>
/// Reads the call facts of a delivery in either scheme, tolerating the field variants DialNexa has used. A field of an
/// unexpected JSON type reads as absent; a body that cannot be read at all throws <see cref="InvalidDataException"/>
/// saying why (the webhook checks this before it accepts a delivery, so the handoff only meets readable bodies).
/// </summary>
internal static class DialNexaCallReader
{
    public static DialNexaCall Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}).", ex);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Null when the delivery can be read; otherwise a sentence saying what cannot.</summary>
    public static string? Problem(JsonElement root)
    {
        try
        {
            Read(root);
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    private static DialNexaCall Read(JsonElement root)
    {
        var (dialNexaEvent, problem) = DialNexaEventReader.Read(root);
        if (dialNexaEvent?.CallId is not { } callId)
        {
            throw new InvalidDataException(problem ?? "The delivery names no call.");
        }

        if (root.TryGetProperty("event_type", out _))
        {
            var payload = root.GetProperty("payload");
            var call = payload.GetProperty("call");
            var transfer = call.TryGetProperty("call_transfer", out var t) ? t : payload.TryGetProperty("call_transfer", out var t2) ? t2 : default;
            return new DialNexaCall
            {
                CallId = callId,
                EventName = dialNexaEvent.EventName,
                Status = JsonFields.Text(call, "status"),
                Direction = JsonFields.Text(call, "direction"),
                FromNumber = JsonFields.Text(call, "from_number"),
                ToNumber = JsonFields.Text(call, "to_number"),
                AgentId = JsonFields.Text(call, "agent_id"),
                StartedAt = Time(call, "initiated_at"),
                DurationSeconds = JsonFields.Number(call, "duration_in_seconds") ?? JsonFields.Number(call, "duration_seconds") ?? JsonFields.Number(call, "duration"),
                TranscriptJson = Transcript(call),
                Summary = JsonFields.Text(call, "summary"),
                RecordingUrl = JsonFields.StringOnly(call, "recording_url"),
                HangupReason = JsonFields.Text(call, "hangup_reason") ?? JsonFields.Text(call, "disconnection_reason"),
                Analysis = Fields(call, "post_call_analysis") ?? Fields(call, "postcall_analysis") ?? new Dictionary<string, string?>(),
                TransferDestination = JsonFields.Text(transfer, "destination"),
            };
        }

        return new DialNexaCall
        {
            CallId = callId,
            EventName = dialNexaEvent.EventName,
            FromNumber = JsonFields.Text(root, "phone_number"),
            AgentId = JsonFields.Text(root, "agent_id"),
            StartedAt = Time(root, "timestamp"),
            TranscriptJson = Transcript(root),
            Summary = JsonFields.Text(root, "summary"),
            RecordingUrl = JsonFields.StringOnly(root, "recording_url"),
            Analysis = Fields(root, "analysis") ?? new Dictionary<string, string?>(),
        };
    }

    /// <summary>The transcript as raw JSON; its strings are checked here, so the redactor can read every one of them.</summary>
    private static string? Transcript(JsonElement call)
    {
        if (!call.TryGetProperty("transcript", out var transcript) || transcript.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        EnsureReadable(transcript, "transcript");
        return transcript.GetRawText();
    }

    private static void EnsureReadable(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                JsonFields.ValueText(element, name);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureReadable(item, name);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    EnsureReadable(property.Value, JsonFields.NameOf(property, name));
                }

                break;
        }
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        JsonFields.Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>
    /// Post-call analysis fields: text as text, numbers and booleans as written, objects and arrays as their JSON; a
    /// field repeated in the body counts once (the last).
    /// </summary>
    private static Dictionary<string, string?>? Fields(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            var field = JsonFields.NameOf(property, name);
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                EnsureReadable(property.Value, field);
            }

            fields[field] = JsonFields.ValueText(property.Value, field) ?? (property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetRawText());
        }

        return fields;
    }
}
