using System.Globalization;
using System.Text.Json;

namespace DialNexa.Functions.Webhooks;

/// <summary>Reads the call facts of a delivery in either scheme, tolerating the field variants DialNexa has used.</summary>
internal static class DialNexaCallReader
{
    public static DialNexaCall Read(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
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
                Status = Text(call, "status"),
                Direction = Text(call, "direction"),
                FromNumber = Text(call, "from_number"),
                ToNumber = Text(call, "to_number"),
                AgentId = Text(call, "agent_id"),
                StartedAt = Time(call, "initiated_at"),
                DurationSeconds = Number(call, "duration_in_seconds") ?? Number(call, "duration_seconds") ?? Number(call, "duration"),
                TranscriptJson = call.TryGetProperty("transcript", out var transcript) && transcript.ValueKind != JsonValueKind.Null ? transcript.GetRawText() : null,
                Summary = Text(call, "summary"),
                RecordingUrl = Text(call, "recording_url"),
                HangupReason = Text(call, "hangup_reason") ?? Text(call, "disconnection_reason"),
                Analysis = Fields(call, "post_call_analysis") ?? Fields(call, "postcall_analysis") ?? new Dictionary<string, string?>(),
                TransferDestination = transfer.ValueKind == JsonValueKind.Object ? Text(transfer, "destination") : null,
            };
        }

        return new DialNexaCall
        {
            CallId = callId,
            EventName = dialNexaEvent.EventName,
            FromNumber = Text(root, "phone_number"),
            AgentId = Text(root, "agent_id"),
            StartedAt = Time(root, "timestamp"),
            TranscriptJson = root.TryGetProperty("transcript", out var transcript2) && transcript2.ValueKind != JsonValueKind.Null ? transcript2.GetRawText() : null,
            Summary = Text(root, "summary"),
            RecordingUrl = Text(root, "recording_url"),
            Analysis = Fields(root, "analysis") ?? new Dictionary<string, string?>(),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        } : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : Text(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static Dictionary<string, string?>? Fields(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            fields[property.Name] = Text(value, property.Name) ?? (property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetRawText());
        }

        return fields;
    }
}
