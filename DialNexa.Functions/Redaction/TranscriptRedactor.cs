using System.Text;

namespace DialNexa.Functions.Redaction;

/// <summary>
/// Removes card, bank and tax numbers from call text in every surface form (digits, spaced, dashed, dotted, spoken
/// words, mixed, fillers), also when a caller reads one number across several turns, and keeps what finance work needs
/// (amounts, dates, phone numbers, IDs, emails, "ending in 4242"). Thread-safe and allocation-light.
/// </summary>
public sealed class TranscriptRedactor
{
    private const int MaxAcknowledgementWords = 6;
    private const int MaxPartsAcrossTurns = 5;

    public RedactionResult Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scan = new TextScan(text);
        var findings = new List<RedactionFinding>();
        var redacted = Apply(scan, scan.Spans, 0, findings);
        return new RedactionResult(redacted, findings, Suppressions.Of(findings, scan.PrivateBillingDocument));
    }

    public TranscriptRedactionResult Redact(IReadOnlyList<TranscriptTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var scans = turns.Select(t => new TextScan(t.Text ?? "")).ToList();
        var extra = scans.Select(_ => new List<SensitiveSpan>()).ToList();
        JoinAcrossTurns(turns, scans, extra);
        var findings = new List<RedactionFinding>();
        var result = new List<TranscriptTurn>(turns.Count);
        for (var t = 0; t < turns.Count; t++)
        {
            result.Add(turns[t] with { Text = Apply(scans[t], [.. scans[t].Spans, .. extra[t]], t, findings) });
        }

        return new TranscriptRedactionResult(result, findings, Suppressions.Of(findings, scans.Any(s => s.PrivateBillingDocument)));
    }

    /// <summary>
    /// A number cut across turns ("four two four two" / agent: "go on" / "four two four two …"): the caller's trailing run
    /// and the same speaker's next leading run are classified together, with the first part's context.
    /// </summary>
    private static void JoinAcrossTurns(IReadOnlyList<TranscriptTurn> turns, List<TextScan> scans, List<List<SensitiveSpan>> extra)
    {
        for (var t = 0; t < turns.Count; t++)
        {
            var scan = scans[t];
            if (scan.Runs.Count == 0 || !scan.Runs[^1].AtTextEnd)
            {
                continue;
            }

            var parts = new List<(int Turn, int Run)> { (t, scan.Runs.Count - 1) };
            var digits = new StringBuilder(scan.Runs[^1].Digits);
            var current = t;
            while (parts.Count < MaxPartsAcrossTurns && NextPart(turns, scans, current) is { } next)
            {
                parts.Add((next, 0));
                digits.Append(scans[next].Runs[0].Digits);
                current = next;
                if (!scans[next].Runs[0].AtTextEnd || scans[next].Runs.Count > 1)
                {
                    break;
                }
            }

            if (parts.Count == 1)
            {
                continue;
            }

            if (RunClassifier.Classify(digits.ToString(), "", scan.LastRunContext) is { } found)
            {
                foreach (var (turn, run) in parts)
                {
                    var part = scans[turn].Runs[run];
                    extra[turn].Add(new SensitiveSpan(part.Start, part.End, found.Kind, found.Validator + "+across-turns"));
                }
            }

            t = current - 1 >= t ? current - 1 : t;
        }
    }

    private static int? NextPart(IReadOnlyList<TranscriptTurn> turns, List<TextScan> scans, int from)
    {
        var speaker = turns[from].Speaker;
        for (var k = from + 1; k < turns.Count; k++)
        {
            if (turns[k].Speaker == speaker || speaker == Speaker.Unknown)
            {
                var runs = scans[k].Runs;
                return runs.Count > 0 && runs[0].AtTextStart ? k : null;
            }

            // Another speaker between the parts: only a short acknowledgement ("go on", "mm-hmm") may stand there.
            if (scans[k].WordCount > MaxAcknowledgementWords || scans[k].Runs.Count > 0)
            {
                return null;
            }
        }

        return null;
    }

    private static string Apply(TextScan scan, List<SensitiveSpan> spans, int turn, List<RedactionFinding> findings)
    {
        if (spans.Count == 0)
        {
            return scan.Text;
        }

        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var text = scan.Text;
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            if (span.Start < position)
            {
                if (span.End > position)
                {
                    position = span.End;
                }

                continue;
            }

            builder.Append(text, position, span.Start - position);
            builder.Append(span.Kind.Placeholder());
            findings.Add(new RedactionFinding(span.Kind, turn, span.Start, span.End - span.Start, span.Validator));
            position = span.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }
}
