using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Hosting.Logging;

/// <summary>
/// What every log line of the app goes through (<see cref="SafeLoggerFactory"/>), whoever wrote it (the app, ASP.NET
/// Core's request logging, HttpClient, the durable runtime):
/// <list type="bullet">
/// <item>control, line-separator, invisible and direction-changing characters are written as <c>\uXXXX</c>, so an
/// untrusted value can neither start a forged line nor reorder what a reader sees;</item>
/// <item>query strings are cut from URLs and paths (they carry the admin key as <c>code=</c>, pre-signed recording
/// signatures, provider API keys);</item>
/// <item>the token of an approval link and the secret path of a Slack incoming webhook are replaced.</item>
/// </list>
/// </summary>
internal static partial class LogText
{
    public const string Removed = "***";

    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('?', StringComparison.Ordinal))
        {
            text = QueryString().Replace(text, "?" + Removed);
        }

        if (text.Contains("/approvals/", StringComparison.OrdinalIgnoreCase))
        {
            text = ApprovalToken().Replace(text, "${route}" + Removed);
        }

        if (text.Contains("/services/", StringComparison.OrdinalIgnoreCase))
        {
            text = SlackHookPath().Replace(text, "${host}" + Removed);
        }

        return Escape(text);
    }

    /// <summary>The text with every character a log reader must not get raw written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007F' && (char.IsControl(c) || char.IsSurrogate(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator));

    /// <summary>A '?' that starts a query (it is followed by a name and '=' before any space), up to the next space or quote.</summary>
    [GeneratedRegex(@"\?(?=[^\s""'<>?#=&]*=)[^\s""'<>]*", RegexOptions.CultureInvariant)]
    private static partial Regex QueryString();

    [GeneratedRegex(@"(?<route>/api/approvals/)[^/\s?#""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ApprovalToken();

    [GeneratedRegex(@"(?<host>hooks\.slack\.com/services/)[^\s?#""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SlackHookPath();
}
