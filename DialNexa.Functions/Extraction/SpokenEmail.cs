using System.Text;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Email addresses as people say them: "a p at tallow logistics dot com", "c dot macleod at harbourpike dot co dot uk",
/// "jess at hart and co dot co dot uk", "emeka underscore n at yahoo dot com", letters spelled one by one ("dot n g").
/// Needs a known top-level domain at the end, so "at the office" is never an address.
/// </summary>
internal static partial class SpokenEmail
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "co", "uk", "ng", "ie", "io", "law", "biz", "info", "us", "ca", "de", "fr", "se", "gh", "ke", "za", "au", "nz", "in",
        "edu", "gov", "me", "app", "dev", "ai", "eu", "es", "it", "nl", "be", "ch", "no", "dk", "fi", "pl", "pt", "ae", "sg",
    };

    private static readonly HashSet<string> NotLocalPart = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "it's", "its", "it", "email", "e-mail", "address", "mail", "to", "me", "my", "the", "that's", "thats", "send", "use", "please", "sorry",
        "no", "yes", "on", "with", "and", "or", "at", "be", "should", "under", "account", "inbox", "our", "her", "his", "their", "your", "now", "just",
        "um", "uh", "so", "well", "oh", "okay", "ok", "sure", "yeah", "was", "were", "reach", "contact", "copy", "cc", "try", "actually", "i", "we",
    };

    private static readonly Dictionary<string, char> Joiners = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dot"] = '.', ["period"] = '.', ["underscore"] = '_', ["dash"] = '-', ["hyphen"] = '-',
    };

    /// <summary>Each spoken address: where it starts and ends in the text and the address, lower case.</summary>
    public static IEnumerable<(int Start, int End, string Address)> Find(string text)
    {
        var words = Word().Matches(text).Select(m => (m.Index, End: m.Index + m.Length, Text: m.Value)).ToList();
        for (var at = 1; at < words.Count - 2; at++)
        {
            if (!words[at].Text.Equals("at", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Domain(words, at + 1) is not { } domain || LocalPart(words, at - 1) is not { } local)
            {
                continue;
            }

            yield return (words[local.First].Index, words[domain.Last].End, local.Text + "@" + domain.Text);
        }
    }

    /// <summary>"tallow logistics dot com", "hart and co dot co dot uk", "lagoon logistics dot com dot n g".</summary>
    private static (string Text, int Last)? Domain(List<(int Index, int End, string Text)> words, int first)
    {
        var k = first;
        var label = new StringBuilder();
        while (k < words.Count && !IsDot(words[k].Text))
        {
            if (k - first >= 4 || Joiners.ContainsKey(words[k].Text))
            {
                return null;
            }

            label.Append(words[k].Text.ToLowerInvariant());
            k++;
        }

        if (label.Length == 0 || k >= words.Count)
        {
            return null;
        }

        var labels = new List<string> { label.ToString() };
        while (k + 1 < words.Count && IsDot(words[k].Text))
        {
            k++;
            if (words[k].Text.Length > 1)
            {
                labels.Add(words[k].Text.ToLowerInvariant());
                k++;
                continue;
            }

            // Letters spelled one by one: "dot n g".
            var spelled = new StringBuilder();
            while (k < words.Count && words[k].Text.Length == 1)
            {
                spelled.Append(char.ToLowerInvariant(words[k].Text[0]));
                k++;
            }

            labels.Add(spelled.ToString());
        }

        return labels.Count >= 2 && TopLevel.Contains(labels[^1]) ? (string.Join('.', labels), k - 1) : null;
    }

    private static bool IsDot(string word) => word.Equals("dot", StringComparison.OrdinalIgnoreCase) || word.Equals("period", StringComparison.OrdinalIgnoreCase);

    private static (string Text, int First)? LocalPart(List<(int Index, int End, string Text)> words, int last)
    {
        if (last < 0 || NotLocalPart.Contains(words[last].Text) || Joiners.ContainsKey(words[last].Text))
        {
            return null;
        }

        var parts = new List<string> { words[last].Text.ToLowerInvariant() };
        var k = last;
        while (k > 0)
        {
            var previous = words[k - 1].Text;
            if (Joiners.TryGetValue(previous, out var joiner) && k >= 2 && !NotLocalPart.Contains(words[k - 2].Text) && !Joiners.ContainsKey(words[k - 2].Text))
            {
                parts.Insert(0, joiner.ToString());
                parts.Insert(0, words[k - 2].Text.ToLowerInvariant());
                k -= 2;
                continue;
            }

            if (previous.Length == 1 && words[k].Text.Length == 1 && char.IsLetterOrDigit(previous[0]))
            {
                parts.Insert(0, previous.ToLowerInvariant());
                k--;
                continue;
            }

            break;
        }

        return (string.Concat(parts), k);
    }

    [GeneratedRegex(@"[\p{L}\d][\p{L}\d'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
