namespace DialNexa.Functions.Extraction;

/// <summary>
/// E.164 normalisation without libphonenumber: keeps the digits, restores the '+' DialNexa leaves out, and reads
/// 10-digit numbers (or 11 starting with 1) as North American. Numbers it cannot place are returned as null.
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
        return digits.Length is >= 11 and <= 15 ? "+" + digits : null;
    }

    private static bool Plausible(string digits) => digits.Length is >= 8 and <= 15 && digits[0] != '0';
}
