using System.Text;

namespace DialNexa.Functions.Redaction;

/// <summary>
/// Sensitive numbers hidden inside identifiers (a call ID <c>call_4111111111111111</c>, an analysis field named
/// <c>card_4111…</c>): the redactor reads whole words, so an identifier is read as a person would read it aloud, its
/// underscores, the separators next to letters and its letter-digit boundaries as spaces.
/// </summary>
public static class IdentifierRedaction
{
    /// <summary>True when the identifier holds a card, bank or tax number.</summary>
    public static bool HoldsSensitiveNumber(string identifier, TranscriptRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        return redactor.Redact(Spaced(identifier)).Findings.Count > 0;
    }

    /// <summary>Null when the identifier holds nothing sensitive; otherwise its redacted reading (spaces as underscores) and what was found.</summary>
    public static RedactionResult? Redact(string identifier, TranscriptRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        var result = redactor.Redact(Spaced(identifier));
        return result.Findings.Count == 0 ? null : result with { Text = result.Text.Replace(' ', '_') };
    }

    /// <summary>
    /// The identifier as read aloud: a separator next to a letter (and every underscore) is a space, as is a boundary
    /// between letters and digits; separators between digits stay, since they group digits ("4111-1111-…").
    /// </summary>
    private static string Spaced(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var spaced = new StringBuilder(identifier.Length + 8);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            var previous = i > 0 ? identifier[i - 1] : ' ';
            var next = i + 1 < identifier.Length ? identifier[i + 1] : ' ';
            if (c == '_' || (!char.IsLetterOrDigit(c) && (char.IsLetter(previous) || char.IsLetter(next))))
            {
                spaced.Append(' ');
                continue;
            }

            if (char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(c) && char.IsDigit(c) != char.IsDigit(previous))
            {
                spaced.Append(' ');
            }

            spaced.Append(c);
        }

        return spaced.ToString();
    }
}
