using System.Globalization;
using System.Text;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>Whether an extracted value is the expected one, field by field (the rules are in Corpus/README.md).</summary>
internal static class CorpusFieldMatch
{
    private static readonly HashSet<string> FreeText =
    [
        FactNames.DisputeReason, FactNames.RefundReason, FactNames.CreditRequest, FactNames.PromisedNextStep, FactNames.EscalationReason, "billingAddress",
    ];

    private static readonly string[] Titles = ["mr", "mrs", "ms", "miss", "dr", "pastor", "sir", "madam", "the", "our", "my"];
    private static readonly string[] LegalSuffixes = ["ltd", "limited", "llc", "inc", "plc", "corp", "co"];

    public static bool Matches(string field, string actual, string expected) =>
        expected.Split('|').Any(alternative => MatchesOne(field, actual, alternative));

    private static bool MatchesOne(string field, string actual, string expected)
    {
        if (FreeText.Contains(field))
        {
            return Words(actual).Contains(Words(expected), StringComparison.Ordinal);
        }

        switch (field)
        {
            case FactNames.Amount:
                return decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                    && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var e) && a == e;
            case FactNames.CustomerName or "owner" or "plan" or FactNames.TaxRegion:
                return Without(Words(actual), Titles, leading: true) == Without(Words(expected), Titles, leading: true);
            case "company":
                var left = Words(actual.Replace("&", " and ", StringComparison.Ordinal));
                var right = Words(expected.Replace("&", " and ", StringComparison.Ordinal));
                return left == right || Without(left, LegalSuffixes, leading: false) == Without(right, LegalSuffixes, leading: false);
            default:
                return string.Equals(actual.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Lower case, letters, digits, apostrophes and single spaces only.</summary>
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    private static string Without(string words, string[] drop, bool leading)
    {
        var list = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (list.Count > 1 && drop.Contains(leading ? list[0] : list[^1]))
        {
            list.RemoveAt(leading ? 0 : list.Count - 1);
        }

        return string.Join(' ', list);
    }
}
