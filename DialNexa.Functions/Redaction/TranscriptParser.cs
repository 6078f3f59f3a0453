using System.Text.Json;

namespace DialNexa.Functions.Redaction;

/// <summary>
/// Reads a DialNexa transcript in any of its shapes: a JSON string holding an array of turns, an array of turns
/// (<c>role</c>/<c>speaker</c> + <c>content</c>/<c>text</c>), or plain <c>Agent: …</c> / <c>User: …</c> lines.
/// </summary>
public static class TranscriptParser
{
    /// <summary>Parses the transcript from its JSON form (the value of the <c>transcript</c> field, as raw JSON).</summary>
    public static IReadOnlyList<TranscriptTurn> ParseJson(string rawJson)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        using var document = JsonDocument.Parse(rawJson);
        return Parse(document.RootElement);
    }

    public static IReadOnlyList<TranscriptTurn> Parse(JsonElement transcript) => transcript.ValueKind switch
    {
        JsonValueKind.Array => FromArray(transcript),
        JsonValueKind.String => ParseText(transcript.GetString() ?? ""),
        JsonValueKind.Object => FromRoleKeyedObject(transcript),
        _ => [],
    };

    /// <summary>Text that may itself be a JSON array of turns, or "Agent:/User:" lines, or one plain paragraph.</summary>
    public static IReadOnlyList<TranscriptTurn> ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return FromArray(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not JSON after all (or JSON with text that is not text, such as an unpaired surrogate): read it as lines.
            }
        }

        return ParseLines(text, layout: null);
    }

    /// <summary>
    /// "Agent:/User:" lines or plain paragraphs (never JSON): a line without a speaker continues the turn before it.
    /// With <paramref name="layout"/>, also where each turn's text sits in <paramref name="text"/>.
    /// </summary>
    internal static IReadOnlyList<TranscriptTurn> ParseLines(string text, List<TextSegment>? layout)
    {
        var turns = new List<TranscriptTurn>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var (start, length) = Trimmed(text, lineStart, lineEnd);
            lineStart = lineEnd + 1;
            if (length == 0)
            {
                continue;
            }

            var line = text.AsSpan(start, length);
            var colon = line.IndexOf(':');
            var speaker = colon is > 0 and < 20 ? SpeakerOf(line[..colon].ToString()) : Speaker.Unknown;
            if (speaker != Speaker.Unknown)
            {
                var (contentStart, contentLength) = Trimmed(text, start + colon + 1, start + length);
                layout?.Add(new TextSegment(turns.Count, contentStart, contentLength, 0));
                turns.Add(new TranscriptTurn(speaker, text.Substring(contentStart, contentLength)));
            }
            else if (turns.Count > 0 && colon < 0)
            {
                var previous = turns[^1].Text;
                layout?.Add(new TextSegment(turns.Count - 1, start, length, previous.Length + 1));
                turns[^1] = turns[^1] with { Text = previous + " " + line.ToString() };
            }
            else
            {
                layout?.Add(new TextSegment(turns.Count, start, length, 0));
                turns.Add(new TranscriptTurn(Speaker.Unknown, line.ToString()));
            }
        }

        return turns;
    }

    private static (int Start, int Length) Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end - start);
    }

    public static Speaker SpeakerOf(string? role) => role?.Trim().ToUpperInvariant() switch
    {
        "AGENT" or "ASSISTANT" or "BOT" or "AI" or "SYSTEM" => Speaker.Agent,
        "USER" or "CALLER" or "CUSTOMER" or "HUMAN" or "CLIENT" => Speaker.User,
        _ => Speaker.Unknown,
    };

    private static List<TranscriptTurn> FromArray(JsonElement array)
    {
        var turns = new List<TranscriptTurn>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                turns.AddRange(ParseText(item.GetString() ?? ""));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = Text(item, "role") ?? Text(item, "speaker");
            var content = Text(item, "content") ?? Text(item, "text") ?? Text(item, "message") ?? "";
            turns.Add(new TranscriptTurn(SpeakerOf(role), content));
        }

        return turns;
    }

    private static List<TranscriptTurn> FromRoleKeyedObject(JsonElement element)
    {
        var turns = new List<TranscriptTurn>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                turns.Add(new TranscriptTurn(SpeakerOf(property.Name), property.Value.GetString() ?? ""));
            }
        }

        return turns;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
