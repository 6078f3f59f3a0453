using System.Globalization;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Reads money in every form a billing call uses: "$1,188", "£89.99", "₦500,000", "NGN 45,000", "N20,000", "249 dollars",
/// "45k naira", and in words: "two hundred and forty pounds", "eighty-four thousand dollars", "three hundred and twelve
/// pounds fifty", "two seventy dollars" (a hundred left unsaid), "two forty nine ninety nine dollars" (249.99),
/// "nineteen ninety-nine dollars" (19.99), "twelve point five million naira".
/// </summary>
internal static partial class MoneyPhrases
{
    private static readonly Keywords CurrencyCodes = new("usd", "eur", "gbp", "ngn", "ghs", "cad", "aud", "kes", "zar");

    /// <summary>Currency said as a word: only then can the amount be in words ("two hundred pounds").</summary>
    private static readonly Keywords CurrencyNames = new("dollar", "buck", "euro", "pound", "quid", "naira", "cedi");

    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["k"] = 1_000, ["million"] = 1_000_000, ["m"] = 1_000_000, ["billion"] = 1_000_000_000, ["bn"] = 1_000_000_000,
    };

    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dollar"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD", ["usd"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["eur"] = "EUR",
        ["pound"] = "GBP", ["pounds"] = "GBP", ["quid"] = "GBP", ["gbp"] = "GBP", ["naira"] = "NGN", ["ngn"] = "NGN", ["cedi"] = "GHS",
        ["cedis"] = "GHS", ["ghs"] = "GHS", ["cad"] = "CAD", ["aud"] = "AUD", ["kes"] = "KES", ["zar"] = "ZAR",
    };

    /// <summary>Every sum of money with a currency, in order; with <paramref name="alsoBare"/>, numbers in words or digits without one too ("anything above five million").</summary>
    public static List<MoneyMention> Find(string text, bool alsoBare = false)
    {
        var found = new List<MoneyMention>();
        var digits = text.AsSpan().ContainsAnyInRange('0', '9');
        if (!digits && !alsoBare && !CurrencyNames.In(text) && !CurrencyCodes.In(text))
        {
            return found;
        }

        if (digits)
        {
            foreach (Match match in Written().Matches(text))
            {
                if (Written(match) is { } value)
                {
                    found.Add(new MoneyMention(match.Index, match.Index + match.Length, value.Amount, value.Currency, PerPeriod(text, match.Index + match.Length)));
                }
            }
        }

        if (alsoBare)
        {
            foreach (Match match in BareDigits().Matches(text))
            {
                if (!Overlaps(found, match.Index) && decimal.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var bare))
                {
                    found.Add(new MoneyMention(match.Index, match.Index + match.Length, bare, null, PerPeriod(text, match.Index + match.Length)));
                }
            }
        }

        if (!alsoBare && !CurrencyNames.In(text))
        {
            found.Sort((a, b) => a.Start.CompareTo(b.Start));
            return found;
        }

        var words = Words().Matches(text).Select(m => (m.Index, End: m.Index + m.Length, Word: m.Value)).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var currency = CurrencyWords.GetValueOrDefault(words[i].Word);
            var bareEnd = alsoBare && IsNumberWord(words[i].Word) && !char.IsAsciiDigit(words[i].Word[0])
                && (i + 1 == words.Count || !Adjacent(text, words[i].End, words[i + 1].Index) || (!IsNumberWord(words[i + 1].Word) && !CurrencyWords.ContainsKey(words[i + 1].Word)));
            if (currency is null && !bareEnd)
            {
                continue;
            }

            var last = currency is null ? i : i - 1;
            var first = i;
            while (first > 0 && IsNumberWord(words[first - 1].Word) && Adjacent(text, words[first - 1].End, words[first].Index))
            {
                first--;
            }

            while (first <= last && (words[first].Word.Equals("and", StringComparison.OrdinalIgnoreCase)
                || (words[first].Word.Equals("a", StringComparison.OrdinalIgnoreCase) && !(first < last && Scales.ContainsKey(words[first + 1].Word)))))
            {
                first++;
            }

            if (first > last || Overlaps(found, words[first].Index) || !words.Skip(first).Take(last - first + 1).Any(w => !w.Word.Equals("and", StringComparison.OrdinalIgnoreCase) && !w.Word.Equals("a", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (Parse(words.Skip(first).Take(last - first + 1).Select(w => w.Word).ToList()) is not { } value || value <= 0)
            {
                continue;
            }

            var end = words[i].End;
            if (currency is not null && Cents(text, words, i) is { } cents)
            {
                value += cents.Value / 100m;
                end = cents.End;
            }

            if (currency is null && value < 100 && !words.Skip(first).Take(last - first + 1).Any(w => Scales.ContainsKey(w.Word)))
            {
                continue;
            }

            found.Add(new MoneyMention(words[first].Index, end, value, currency, PerPeriod(text, end)));
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Sets a number of words into a value; null when they do not make one.</summary>
    internal static decimal? Parse(IReadOnlyList<string> words)
    {
        if (words.Any(w => Scales.ContainsKey(w)))
        {
            return Standard(words);
        }

        var chunks = new List<int>();
        for (var k = 0; k < words.Count; k++)
        {
            var word = words[k];
            if (Tens.TryGetValue(word, out var tens))
            {
                var unit = k + 1 < words.Count && Units.TryGetValue(words[k + 1], out var u) && u is > 0 and < 10 ? u : 0;
                k += unit > 0 ? 1 : 0;
                chunks.Add(tens + unit);
            }
            else if (Units.TryGetValue(word, out var small))
            {
                chunks.Add(small);
            }
            else if (decimal.TryParse(word, NumberStyles.Number, CultureInfo.InvariantCulture, out var digits) && words.Count == 1)
            {
                return digits;
            }
            else if (!word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return chunks.Count switch
        {
            1 => chunks[0],
            2 when chunks[0] < 10 && chunks[1] >= 10 => (chunks[0] * 100) + chunks[1],
            2 when chunks[0] >= 10 && chunks[1] >= 10 => chunks[0] + (chunks[1] / 100m),
            3 when chunks[1] >= 10 && chunks[2] >= 10 => (chunks[0] * 100) + chunks[1] + (chunks[2] / 100m),
            _ => null,
        };
    }

    private static decimal? Standard(IReadOnlyList<string> words)
    {
        decimal total = 0, current = 0, fraction = 0, fractionScale = 1;
        var afterPoint = false;
        foreach (var word in words)
        {
            if (word.Equals("point", StringComparison.OrdinalIgnoreCase))
            {
                afterPoint = true;
                continue;
            }

            if (Units.TryGetValue(word, out var unit) || (word.Equals("a", StringComparison.OrdinalIgnoreCase) && (unit = 1) == 1))
            {
                if (afterPoint)
                {
                    fractionScale /= 10;
                    fraction += unit * fractionScale;
                }
                else
                {
                    current += unit;
                }
            }
            else if (Tens.TryGetValue(word, out var tens))
            {
                current += tens;
            }
            else if (Scales.TryGetValue(word, out var scale))
            {
                var amount = (current == 0 && fraction == 0 ? 1 : current) + fraction;
                fraction = 0;
                afterPoint = false;
                if (scale == 100)
                {
                    current = amount * 100;
                }
                else
                {
                    total += amount * scale;
                    current = 0;
                }
            }
            else if (decimal.TryParse(word, NumberStyles.Number, CultureInfo.InvariantCulture, out var digits))
            {
                current += digits;
            }
            else if (!word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return total + current + fraction;
    }

    private static (decimal Amount, string Currency)? Written(Match match)
    {
        string? currency = null;
        if (match.Groups["sym"].Success)
        {
            currency = match.Groups["sym"].Value switch { "$" => "USD", "€" => "EUR", "£" => "GBP", _ => "NGN" };
        }
        else if (match.Groups["code"].Success)
        {
            currency = CurrencyWords.GetValueOrDefault(match.Groups["code"].Value) ?? match.Groups["code"].Value.ToUpperInvariant();
        }
        else if (match.Groups["naira"].Success)
        {
            currency = "NGN";
        }
        else if (match.Groups["word"].Success)
        {
            currency = CurrencyWords.GetValueOrDefault(match.Groups["word"].Value);
        }

        var number = match.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal) + (match.Groups["dec"].Success ? "." + match.Groups["dec"].Value : "");
        if (currency is null || !decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        if (match.Groups["mult"].Success && Scales.TryGetValue(match.Groups["mult"].Value, out var scale))
        {
            amount *= scale;
        }

        return (amount, currency);
    }

    /// <summary>"pounds fifty", "dollars and ninety-nine cents": the cents after the currency word.</summary>
    private static (int Value, int End)? Cents(string text, List<(int Index, int End, string Word)> words, int currency)
    {
        var k = currency + 1;
        if (k < words.Count && words[k].Word.Equals("and", StringComparison.OrdinalIgnoreCase) && Adjacent(text, words[currency].End, words[k].Index))
        {
            k++;
        }

        if (k >= words.Count || !Adjacent(text, words[k - 1].End, words[k].Index))
        {
            return null;
        }

        var value = 0;
        var end = k;
        if (Tens.TryGetValue(words[k].Word, out var tens))
        {
            value = tens;
            end = k + 1;
            if (end < words.Count && Units.TryGetValue(words[end].Word, out var unit) && unit is > 0 and < 10 && Adjacent(text, words[k].End, words[end].Index))
            {
                value += unit;
                end++;
            }
        }
        else if (Units.TryGetValue(words[k].Word, out var small) && small >= 10)
        {
            value = small;
            end = k + 1;
        }
        else
        {
            return null;
        }

        if (end < words.Count && (Scales.ContainsKey(words[end].Word) || CurrencyWords.ContainsKey(words[end].Word)) && Adjacent(text, words[end - 1].End, words[end].Index))
        {
            return null;
        }

        var last = end < words.Count && words[end].Word.ToLowerInvariant() is "cents" or "cent" or "pence" or "p" or "kobo" ? end : end - 1;
        return (value, words[last].End);
    }

    private static bool IsNumberWord(string word) =>
        Units.ContainsKey(word) || Tens.ContainsKey(word) || Scales.ContainsKey(word) || word.Equals("and", StringComparison.OrdinalIgnoreCase)
        || word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("point", StringComparison.OrdinalIgnoreCase) || (word.Length > 0 && char.IsAsciiDigit(word[0]) && !word.Contains(',', StringComparison.Ordinal));

    /// <summary>Only spaces or a hyphen between two words of one number.</summary>
    private static bool Adjacent(string text, int end, int next)
    {
        for (var k = end; k < next; k++)
        {
            if (text[k] is not (' ' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Overlaps(List<MoneyMention> found, int at) => found.Any(m => at >= m.Start && at < m.End);

    private static bool PerPeriod(string text, int end) => Period().IsMatch(text.AsSpan(end, Math.Min(24, text.Length - end)));

    [GeneratedRegex(@"(?:(?<sym>[$€£₦])\s?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<dec>\d{1,2}))?(?:\s?(?<mult>k|million|thousand|billion|bn)\b)?)|(?:\b(?<code>USD|EUR|GBP|NGN|CAD|AUD|GHS|KES|ZAR)\s?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<dec>\d{1,2}))?(?:\s?(?<mult>k|million|thousand|billion|bn)\b)?)|(?:\b(?<naira>(?-i:N))(?<num>\d{1,3}(?:,\d{3})+)(?:\.(?<dec>\d{2}))?\b)|(?:\b(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<dec>\d{1,2}))?\s?(?:(?<mult>k|million|thousand|billion|bn)\s?)?(?<word>USD|EUR|GBP|NGN|CAD|AUD|dollars?|bucks|euros?|pounds?|quid|naira|cedis?)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Written();

    [GeneratedRegex(@"(?<![\d$€£₦.,])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d{2})?(?![\d,])", RegexOptions.CultureInvariant)]
    private static partial Regex BareDigits();

    [GeneratedRegex(@"[A-Za-z]+|\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"^\W{0,2}(a|per|each|every)\s+(month|year|week|quarter|seat|user)\b|^\W{0,2}(monthly|annually|yearly)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
