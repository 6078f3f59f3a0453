using System.Globalization;
using System.Text;

namespace DialNexa.Functions.Notifications;

/// <summary>
/// Text from a call (names, reasons, summaries, call IDs) made safe for a Slack mrkdwn message: '&amp;', '&lt;' and
/// '&gt;' are escaped as Slack asks, so no caller can write a mention (<c>&lt;!channel&gt;</c>), a link posing as a
/// button (<c>&lt;https://…|Approve here&gt;</c>) or a user or channel reference; line breaks and invisible or
/// direction-changing characters become spaces, so a value cannot fake a line of its own. The message's own markup
/// (headings, line breaks) is written around the escaped values, never through them.
/// </summary>
internal static class SlackText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                default:
                    escaped.Append(IsInvisible(c) ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Escapes each value and joins them with <paramref name="separator"/> (which is written as it is).</summary>
    public static string Join(string separator, IEnumerable<string?> values) => string.Join(separator, values.Select(Escape));

    private static bool IsInvisible(char c) =>
        char.IsControl(c) || char.IsSurrogate(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
