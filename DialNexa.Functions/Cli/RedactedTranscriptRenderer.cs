using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Cli;

/// <summary>
/// The <c>redact</c> command's input as the webhook would carry it, and the redacted turns written back in the input's
/// own shape: "Agent:/User:" lines keep their labels and line breaks, JSON turns keep their other properties, a paragraph
/// stays a paragraph. Only the removed values change.
/// </summary>
internal static class RedactedTranscriptRenderer
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The transcript field as a webhook delivers it: JSON turns (or a JSON string) as they are, any other text as a JSON string.</summary>
    public static string AsDelivered(string input) => ParseJson(input) is not null ? input : JsonSerializer.Serialize(input, Output);

    /// <summary>The input with every finding replaced by its placeholder, in the input's shape.</summary>
    public static string Render(string input, IReadOnlyList<RedactedTurn> turns, IReadOnlyList<RedactionFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(input);
        var next = 0;
        var rendered = ParseJson(input) is { } json ? RenderJson(json, turns, findings, ref next).ToJsonString(Output) : RenderText(input, turns, findings, ref next);
        if (next != turns.Count)
        {
            throw new InvalidOperationException($"The transcript was read as {turns.Count} turns but written back as {next}; nothing is printed rather than an unredacted turn.");
        }

        return rendered;
    }

    private static JsonNode? ParseJson(string input)
    {
        var start = input.TrimStart();
        if (start.Length == 0 || start[0] is not ('[' or '{' or '"'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(input);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Mirrors <see cref="TranscriptParser"/>: an object is one turn, a string is text holding turns, a role-keyed object one turn per string.</summary>
    private static JsonNode RenderJson(JsonNode node, IReadOnlyList<RedactedTurn> turns, IReadOnlyList<RedactionFinding> findings, ref int next)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    switch (array[i])
                    {
                        case JsonObject turn:
                            var content = new[] { "content", "text", "message" }.FirstOrDefault(k => turn[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String);
                            if (content is not null)
                            {
                                turn[content] = turns[next].Text;
                            }

                            next++;
                            break;
                        case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                            array[i] = JsonValue.Create(RenderText(value.GetValue<string>(), turns, findings, ref next));
                            break;
                    }
                }

                return array;
            case JsonObject byRole:
                foreach (var name in byRole.Select(p => p.Key).ToList())
                {
                    if (byRole[name] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                    {
                        byRole[name] = turns[next++].Text;
                    }
                }

                return byRole;
            default:
                return JsonValue.Create(RenderText(node.GetValue<string>(), turns, findings, ref next));
        }
    }

    /// <summary>Text whose turns start at <paramref name="next"/>: lines, a paragraph, or itself a JSON array of turns.</summary>
    private static string RenderText(string text, IReadOnlyList<RedactedTurn> turns, IReadOnlyList<RedactionFinding> findings, ref int next)
    {
        if (text.TrimStart().StartsWith('[') && ParseJson(text) is JsonArray array)
        {
            return RenderJson(array, turns, findings, ref next).ToJsonString(Output);
        }

        var layout = new List<TextSegment>();
        var count = TranscriptParser.ParseLines(text, layout).Count;
        var firstTurn = next;
        var replacements = new List<(int Start, int End, string With)>();
        foreach (var finding in findings.Where(f => f.Turn >= firstTurn && f.Turn < firstTurn + count))
        {
            // A number a turn carries over two lines is marked on each line it touched.
            foreach (var segment in layout.Where(s => s.Turn == finding.Turn - firstTurn))
            {
                var from = Math.Max(finding.Start, segment.TurnOffset);
                var to = Math.Min(finding.Start + finding.Length, segment.TurnOffset + segment.Length);
                if (from < to)
                {
                    replacements.Add((segment.Start + from - segment.TurnOffset, segment.Start + to - segment.TurnOffset, finding.Kind.Placeholder()));
                }
            }
        }

        next += count;
        var output = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end, with) in replacements.OrderBy(r => r.Start))
        {
            if (start < position)
            {
                continue;
            }

            output.Append(text, position, start - position).Append(with);
            position = end;
        }

        return output.Append(text, position, text.Length - position).ToString();
    }
}
