namespace DialNexa.Functions.Extraction;

/// <summary>
/// E.164 normalisation without libphonenumber: keeps the digits, restores the '+' DialNexa leaves out, reads 10-digit
/// numbers (or 11 starting with 1) as North American, and a national number with a trunk '0' ("0803 555 0147",
/// "07700 900123") in the country of the caller ID, else by its shape (Nigerian mobile, UK). Numbers it cannot place are null.
/// </summary>
public static class PhoneNumbers
{
    public static string? ToE164(string? raw, string defaultCountryCode = "1")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
            return Plausible(digits) ? "+" + digits : null;
        }

        if (trimmed.StartsWith('+'))
        {
            return Plausible(digits) ? "+" + digits : null;
        }

        if (digits.Length == 10 && defaultCountryCode == "1" && digits[0] is >= '2' and <= '9')
        {
            return "+1" + digits;
        }

        if (digits.Length == 11 && digits[0] == '1')
        {
            return "+" + digits;
        }

        // DialNexa sends international numbers as digits without '+': a country code is already in front.
        return digits.Length is >= 11 and <= 15 && digits[0] != '0' ? "+" + digits : null;
    }

    /// <summary>
    /// A number said in a call, in E.164: international as it is, North American by its shape, and national numbers with a
    /// leading 0 in the caller ID's country (<paramref name="callerE164"/>), or Nigerian or British by their shape.
    /// </summary>
    internal static string? FromSpoken(string digits, bool plus, string? callerE164)
    {
        if (plus || digits.StartsWith("00", StringComparison.Ordinal))
        {
            return ToE164((plus ? "+" : "") + digits);
        }

        if (digits.StartsWith('0') && digits.Length is >= 9 and <= 12)
        {
            var country = CountryCodeOf(callerE164);
            if (country is not null and not "1")
            {
                return Plausible(country + digits[1..]) ? "+" + country + digits[1..] : null;
            }

            if (digits.Length == 11 && digits[1] is '7' or '8' or '9' && digits[2] is '0' or '1')
            {
                return "+234" + digits[1..];
            }

            return digits.Length is 10 or 11 && digits[1] is '1' or '2' or '3' or '7' ? "+44" + digits[1..] : null;
        }

        if (digits.Length == 10 && digits[0] is >= '2' and <= '9' && digits[3] is >= '2' and <= '9')
        {
            return "+1" + digits;
        }

        return digits.Length == 11 && digits[0] == '1' ? "+" + digits : null;
    }

    private static readonly string[] CountryCodes = ["1", "7", "20", "27", "30", "31", "32", "33", "34", "39", "41", "44", "45", "46", "47", "49", "61", "64", "65", "91", "233", "234", "254", "255", "256", "353", "971"];

    private static string? CountryCodeOf(string? e164) =>
        e164 is { Length: > 2 } && e164[0] == '+' ? CountryCodes.Where(c => e164.AsSpan(1).StartsWith(c, StringComparison.Ordinal)).OrderByDescending(c => c.Length).FirstOrDefault() : null;

    private static bool Plausible(string digits) => digits.Length is >= 8 and <= 15 && digits[0] != '0';
}
