using System.Globalization;
using System.Text;
using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Tests.Redaction;

/// <summary>Seeded property tests: random valid numbers in random surface forms always go; random ordinary values always stay.</summary>
public sealed class RedactionPropertyTests
{
    private static readonly string[] DigitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] Fillers = ["uh", "um", "er"];
    private static readonly TranscriptRedactor Redactor = new();

    [Fact]
    public void Cards_ValidNumbersInAnySurfaceForm_AreAlwaysRemoved()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 3000; i++)
        {
            var card = RandomCard(random);
            var rendered = Render(card, random);
            var text = random.Next(3) switch
            {
                0 => $"my card number is {rendered} thanks",
                1 => $"sure, {rendered}, that's it",
                _ => $"it's {rendered}",
            };
            var result = Redactor.Redact(text);
            Assert.True(result.Text.Contains("[CARD_NUMBER]", StringComparison.Ordinal), $"Not redacted: {text} -> {result.Text}");
            AssertNoDigitsLeft(result.Text, text);
        }
    }

    [Fact]
    public void Ssns_ValidNumbersDashedOrSpokenWithContext_AreAlwaysRemoved()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            string ssn;
            do
            {
                ssn = Digits(random, 9);
            }
            while (!ValidSsn(ssn));
            var rendered = random.Next(2) == 0 ? $"{ssn[..3]}-{ssn[3..5]}-{ssn[5..]}" : Render(ssn, random);
            var result = Redactor.Redact($"my social security number is {rendered}");
            Assert.True(result.Flags.TaxIdentifier, $"Not redacted: {rendered} -> {result.Text}");
            AssertNoDigitsLeft(result.Text, rendered);
        }
    }

    [Fact]
    public void Ibans_ValidNumbersGroupedOrContiguous_AreAlwaysRemoved()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var iban = random.Next(2) == 0 ? MakeIban("GB", "NWBK" + Digits(random, 14)) : MakeIban("DE", Digits(random, 18));
            var rendered = random.Next(2) == 0 ? iban : string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
            var result = Redactor.Redact($"the IBAN is {rendered}.");
            Assert.Equal("the IBAN is [IBAN].", result.Text);
        }
    }

    [Fact]
    public void Routing_ValidAbaNumbersInContext_AreAlwaysRemoved()
    {
        var random = new Random(13);
        for (var i = 0; i < 2000; i++)
        {
            var eight = Digits(random, 8);
            var check = (10 - (((3 * (eight[0] - '0' + eight[3] - '0' + eight[6] - '0')) + (7 * (eight[1] - '0' + eight[4] - '0' + eight[7] - '0')) + eight[2] - '0' + eight[5] - '0') % 10)) % 10;
            var aba = eight + check.ToString(CultureInfo.InvariantCulture);
            var text = $"routing number {Render(aba, random)} and account {Render(Digits(random, 10), random)}";
            var result = Redactor.Redact(text);
            Assert.True(result.Text == "routing number [ROUTING_NUMBER] and account [BANK_ACCOUNT]", $"{text} -> {result.Text}");
            AssertNoDigitsLeft(result.Text, aba);
        }
    }

    [Fact]
    public void OrdinaryFinanceValues_AreAlwaysKeptVerbatim()
    {
        var random = new Random(17);
        for (var i = 0; i < 3000; i++)
        {
            var text = random.Next(9) switch
            {
                0 => $"I was charged ${random.Next(1, 99999)}.{random.Next(100):D2} on {random.Next(1, 13):D2}/{random.Next(1, 29):D2}/20{random.Next(20, 30)}.",
                1 => $"Invoice INV-{random.Next(1000, 9999999)} is due {2020 + random.Next(10)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}.",
                2 => $"Call me at +1 {random.Next(200, 999)} {random.Next(200, 999)} {random.Next(1000, 9999)}.",
                3 => $"The card ending in {random.Next(1000, 9999)} was declined.",
                4 => $"My email is user{random.Next(100000)}@example.com and customer CUS_{random.Next(100000):x}.",
                5 => $"We owe {random.Next(1, 999)} dollars for {random.Next(1, 60)} seats.",
                6 => $"Payment request PRQ_{random.Next(100000):x}{random.Next(100000):x} for {random.Next(1, 9999)}.{random.Next(100):D2} EUR.",
                7 => $"Meet at {random.Next(0, 24):D2}:{random.Next(0, 60):D2} on March {random.Next(1, 29)}, order #{random.Next(1000, 99999)}.",
                _ => $"Subscription SUB-{random.Next(100, 99999)} renews on the {random.Next(1, 29)}th; {random.Next(2, 99)}% discount.",
            };
            var result = Redactor.Redact(text);
            Assert.True(text == result.Text, $"Over-redacted: {text} -> {result.Text}");
        }
    }

    private static void AssertNoDigitsLeft(string redacted, string original)
    {
        var digitsLeft = redacted.Count(char.IsAsciiDigit);
        var wordsLeft = redacted.Split(' ', ',', '.').Count(w => DigitWords.Contains(w, StringComparer.OrdinalIgnoreCase) || w is "oh" or "double" or "triple");
        Assert.True(digitsLeft == 0 && wordsLeft == 0, $"Digits survived in: {original} -> {redacted}");
    }

    private static string RandomCard(Random random)
    {
        var (prefix, length) = random.Next(6) switch
        {
            0 => ("4", 16),
            1 => ("5" + random.Next(1, 6).ToString(CultureInfo.InvariantCulture), 16),
            2 => (random.Next(2221, 2721).ToString(CultureInfo.InvariantCulture), 16),
            3 => ("3" + (random.Next(2) == 0 ? "4" : "7"), 15),
            4 => ("6011", 16),
            _ => ("4", 19),
        };
        var body = prefix + Digits(random, length - prefix.Length - 1);
        for (var check = 0; check < 10; check++)
        {
            var candidate = body + check.ToString(CultureInfo.InvariantCulture);
            if (Luhn(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static string Render(string digits, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return digits;
            case 1:
                return string.Join(random.Next(3) switch { 0 => " ", 1 => "-", _ => "." }, digits.Chunk(4).Select(c => new string(c)));
            case 2:
                return string.Join(' ', digits.ToCharArray());
            default:
                var words = new StringBuilder();
                for (var i = 0; i < digits.Length; i++)
                {
                    var d = digits[i] - '0';
                    if (i > 0)
                    {
                        words.Append(random.Next(8) == 0 ? $", {Fillers[random.Next(Fillers.Length)]}, " : random.Next(4) == 0 ? ", " : " ");
                    }

                    if (i + 1 < digits.Length && digits[i + 1] == digits[i] && random.Next(2) == 0)
                    {
                        words.Append("double ").Append(DigitWords[d]);
                        i++;
                        continue;
                    }

                    var mixed = random.Next(5) == 0;
                    words.Append(mixed ? digits[i].ToString() : d == 0 && random.Next(2) == 0 && i > 0 ? "oh" : DigitWords[d]);
                }

                return words.ToString();
        }
    }

    private static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static bool ValidSsn(string s) =>
        s[..3] is not ("000" or "666") && s[0] != '9' && s[3..5] != "00" && s[5..] != "0000";

    private static string MakeIban(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var remainder = 0;
        foreach (var c in rearranged)
        {
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return country + (98 - remainder).ToString("D2", CultureInfo.InvariantCulture) + bban;
    }
}
