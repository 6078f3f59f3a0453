using System.Collections.Frozen;

namespace DialNexa.Functions.Redaction;

/// <summary>The validators behind redaction: Luhn, ABA routing, IBAN mod-97 with per-country lengths, SSN/ITIN/EIN rules.</summary>
internal static class Checksums
{
    private static readonly FrozenDictionary<string, int> IbanLengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29,
        ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24,
        ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21,
        ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28,
        ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27,
        ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24,
        ["RS"] = 22, ["SA"] = 24, ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23,
        ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<int> EinPrefixes = new[]
    {
        1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
        40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 71, 72,
        73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 98, 99,
    }.ToFrozenSet();

    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Card brands issue numbers starting 2 (Mastercard 2221-2720), 3 (Amex, Diners, JCB), 4 (Visa), 5 (Mastercard), 6 (Discover, UnionPay).</summary>
    public static bool PlausibleCardPrefix(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 13)
        {
            return false;
        }

        return digits[0] switch
        {
            '4' or '5' or '6' or '3' => true,
            '2' => int.Parse(digits[..4], provider: System.Globalization.CultureInfo.InvariantCulture) is >= 2221 and <= 2720,
            _ => false,
        };
    }

    public static bool AbaRouting(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9)
        {
            return false;
        }

        Span<int> d = stackalloc int[9];
        for (var i = 0; i < 9; i++)
        {
            d[i] = digits[i] - '0';
        }

        var sum = (3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8];
        return sum % 10 == 0 && sum != 0;
    }

    public static bool Ssn(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9)
        {
            return false;
        }

        var area = int.Parse(digits[..3], provider: System.Globalization.CultureInfo.InvariantCulture);
        var group = int.Parse(digits.Slice(3, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var serial = int.Parse(digits[5..], provider: System.Globalization.CultureInfo.InvariantCulture);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
            && !digits.SequenceEqual("078051120") && !digits.SequenceEqual("457555462") && !digits.SequenceEqual("219099999");
    }

    public static bool Itin(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9 || digits[0] != '9')
        {
            return false;
        }

        var middle = int.Parse(digits.Slice(3, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        return middle is (>= 50 and <= 65) or (>= 70 and <= 88) or (>= 90 and <= 92) or (>= 94 and <= 99);
    }

    public static bool Ein(ReadOnlySpan<char> digits) =>
        digits.Length == 9 && EinPrefixes.Contains(int.Parse(digits[..2], provider: System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>IBAN: known country, its exact length, and mod-97 of the rearranged number equal to 1.</summary>
    public static bool Iban(ReadOnlySpan<char> compact)
    {
        if (compact.Length < 15 || compact.Length > 34 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1]))
        {
            return false;
        }

        if (!IbanLengths.TryGetValue(compact[..2].ToString(), out var length) || length != compact.Length)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[(i + 4) % compact.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
