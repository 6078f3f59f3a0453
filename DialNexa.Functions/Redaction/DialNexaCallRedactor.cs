using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Redaction;

/// <summary>
/// Redacts a delivered call: its transcript turn-aware, its summary and every post-call analysis value. The webhook path
/// and the <c>redact</c> command both go through here, so an operator's check sees what the handoff will keep.
/// </summary>
internal sealed class DialNexaCallRedactor(TranscriptRedactor redactor, IOptions<ExtractionOptions> options) : ICallRedactor
{
    public RedactedCall Redact(DialNexaCall call) => RedactWithFindings(call).Call;

    public CallRedaction RedactWithFindings(DialNexaCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var findings = new List<RedactionFinding>();
        var flags = SuppressionSummary.None;
        var turns = ParseTranscript(call.TranscriptJson);
        var transcript = redactor.Redact(turns);
        findings.AddRange(transcript.Findings);
        flags = flags.Merge(transcript.Flags);

        string? RedactText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            var result = redactor.Redact(text);
            findings.AddRange(result.Findings);
            flags = flags.Merge(result.Flags);
            return result.Text;
        }

        // A field's name is context for its value ("card_number": "four two ..."), so it is redacted with it.
        string? RedactField(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return value;
            }

            var prefix = name.Replace('_', ' ') + ": ";
            var redacted = RedactText(prefix + value)!;
            return redacted.StartsWith(prefix, StringComparison.Ordinal) ? redacted[prefix.Length..] : redacted;
        }

        // Field names are DialNexa's, configured per agent: one that holds a number is redacted as an identifier.
        var analysis = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in call.Analysis)
        {
            var safeName = name;
            if (IdentifierRedaction.Redact(name, redactor) is { } redactedName)
            {
                findings.AddRange(redactedName.Findings);
                flags = flags.Merge(redactedName.Flags);
                safeName = redactedName.Text;
            }

            analysis[analysis.ContainsKey(safeName) ? $"{safeName}_{analysis.Count}" : safeName] = RedactField(name, value);
        }

        var redacted = new RedactedCall
        {
            CallId = call.CallId,
            Events = [call.EventName],
            Status = RedactText(call.Status),
            Direction = RedactText(call.Direction),
            CallerPhone = PhoneNumbers.ToE164(string.Equals(call.Direction, "outbound", StringComparison.OrdinalIgnoreCase) ? call.ToNumber : call.FromNumber, options.Value.DefaultCountryCode),
            AgentId = RedactField("agent id", call.AgentId),
            StartedAt = call.StartedAt,
            DurationSeconds = call.DurationSeconds,
            Turns = [.. transcript.Turns.Select(t => new RedactedTurn(t.Speaker.ToString(), t.Text))],
            Summary = RedactText(call.Summary),
            HasRecording = call.RecordingUrl is not null,
            HangupReason = RedactField("hangup reason", call.HangupReason),
            Analysis = analysis,
            Suppression = flags,
            Redactions = findings.GroupBy(f => f.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
        };
        return new CallRedaction(redacted, transcript.Findings);
    }

    /// <summary>The transcript's turns from its delivered form: JSON (a string or an array of turns), else plain text.</summary>
    public static IReadOnlyList<TranscriptTurn> ParseTranscript(string? transcriptJson)
    {
        if (string.IsNullOrWhiteSpace(transcriptJson))
        {
            return [];
        }

        try
        {
            return TranscriptParser.ParseJson(transcriptJson);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return TranscriptParser.ParseText(transcriptJson);
        }
    }
}
