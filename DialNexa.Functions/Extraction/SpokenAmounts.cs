using System.Globalization;

namespace DialNexa.Functions.Extraction;

/// <summary>Reads amounts said in words: "two hundred forty-nine dollars", "one thousand two hundred euros and fifty cents".</summary>
internal static class SpokenAmounts
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["a"] = 1,
    };

    private static readonly Dictionary<string, string> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dollar"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["pound"] = "GBP", ["pounds"] = "GBP", ["naira"] = "NGN",
    };

    /// <summary>The first spoken amount with a currency word in the text, or null.</summary>
    public static (decimal Amount, string Currency)? Find(string text)
    {
        var words = text.Split([' ', ',', '-', '.', '?', '!', ';'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (!Currencies.TryGetValue(words[i], out var currency) || i == 0)
            {
                continue;
            }

            var start = i - 1;
            while (start >= 0 && (Units.ContainsKey(words[start]) || IsScale(words[start]) || words[start].Equals("and", StringComparison.OrdinalIgnoreCase)))
            {
                start--;
            }

            var value = Parse(words.AsSpan(start + 1, i - start - 1));
            if (value is > 0)
            {
                var cents = 0m;
                if (i + 3 < words.Length && words[i + 1].Equals("and", StringComparison.OrdinalIgnoreCase))
                {
                    var end = i + 2;
                    while (end < words.Length && Units.ContainsKey(words[end]))
                    {
                        end++;
                    }

                    if (end < words.Length && words[end].StartsWith("cent", StringComparison.OrdinalIgnoreCase) && Parse(words.AsSpan(i + 2, end - i - 2)) is { } c and < 100)
                    {
                        cents = c / 100m;
                    }
                }

                return (value.Value + cents, currency);
            }
        }

        return null;
    }

    private static bool IsScale(string word) => word.Equals("hundred", StringComparison.OrdinalIgnoreCase) || word.Equals("thousand", StringComparison.OrdinalIgnoreCase) || word.Equals("million", StringComparison.OrdinalIgnoreCase);

    private static decimal? Parse(ReadOnlySpan<string> words)
    {
        decimal total = 0, current = 0;
        var any = false;
        foreach (var word in words)
        {
            if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
                any = true;
            }
            else if (word.Equals("hundred", StringComparison.OrdinalIgnoreCase))
            {
                current = (current == 0 ? 1 : current) * 100;
            }
            else if (word.Equals("thousand", StringComparison.OrdinalIgnoreCase) || word.Equals("million", StringComparison.OrdinalIgnoreCase))
            {
                total += (current == 0 ? 1 : current) * (word.Length == 8 ? 1000 : 1_000_000);
                current = 0;
            }
        }

        return any ? total + current : null;
    }

    internal static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
