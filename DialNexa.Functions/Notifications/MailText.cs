using System.Globalization;
using System.Text;

namespace DialNexa.Functions.Notifications;

/// <summary>
/// Text from a call made safe for a mail header: a header is one line, so line breaks (CR, LF, U+2028, U+2029) and
/// every other control or invisible formatting character become a space (a CR/LF in a caller's text would otherwise
/// start a new header, such as Bcc), and the result is clipped to a length mail clients show.
/// </summary>
internal static class MailText
{
    public const int MaxHeaderLength = 200;

    public static string Header(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var line = new StringBuilder(Math.Min(text.Length, MaxHeaderLength));
        var space = false;
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (blank)
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
            if (line.Length >= MaxHeaderLength)
            {
                line.Length = MaxHeaderLength - 1;
                line.Append('…');
                break;
            }
        }

        return line.ToString();
    }
}
