using System.Globalization;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Turns "by Friday", "by tomorrow", "by end of week", "within 3 business days", "by March 10" into a calendar date in the
/// configured time zone, counted from the call's start (a weekday said on that weekday means the next one).
/// </summary>
internal static class DeadlineResolver
{
    private static readonly Regex ByPhrase = new(
        @"\b(?:by|before|until|no later than)\s+(?:this\s+|next\s+|the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|end of (?:the )?(?:day|week|month)|eod|eow|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{4}-\d{2}-\d{2})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex Within = new(
        @"\bwithin\s+(\d{1,2}|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s+(business\s+|working\s+)?(day|days|hour|hours|week|weeks)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["ten"] = 10, ["fourteen"] = 14, ["thirty"] = 30,
    };

    /// <summary>The deadline (yyyy-MM-dd) and the phrase it came from, or null.</summary>
    public static (string Date, string Phrase)? Find(string text, DateTimeOffset callStart, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callStart, zone).DateTime);
        var by = ByPhrase.Match(text);
        if (by.Success && Resolve(by.Groups[1].Value.ToLowerInvariant(), local) is { } date)
        {
            return (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), by.Value);
        }

        var within = Within.Match(text);
        if (within.Success)
        {
            var count = int.TryParse(within.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Numbers[within.Groups[1].Value];
            var unit = within.Groups[3].Value.ToLowerInvariant();
            var business = within.Groups[2].Success;
            var result = unit.StartsWith("hour", StringComparison.Ordinal)
                ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callStart.AddHours(count), zone).DateTime)
                : unit.StartsWith("week", StringComparison.Ordinal) ? local.AddDays(7 * count)
                : business ? AddBusinessDays(local, count) : local.AddDays(count);
            return (result.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), within.Value);
        }

        return null;
    }

    private static DateOnly? Resolve(string phrase, DateOnly today)
    {
        if (Enum.TryParse<DayOfWeek>(phrase, ignoreCase: true, out var weekday))
        {
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        switch (phrase)
        {
            case "today" or "tonight" or "end of day" or "end of the day" or "eod":
                return today;
            case "tomorrow":
                return today.AddDays(1);
            case "end of week" or "end of the week" or "eow":
                return today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
            case "end of month" or "end of the month":
                return new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        }

        if (DateOnly.TryParseExact(phrase, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        var cleaned = Regex.Replace(phrase, @"(?<=\d)(st|nd|rd|th)$", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (DateOnly.TryParseExact(cleaned, ["MMMM d", "MMMM dd"], CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var monthDay))
        {
            var candidate = new DateOnly(today.Year, monthDay.Month, monthDay.Day);
            return candidate < today ? candidate.AddYears(1) : candidate;
        }

        return null;
    }

    private static DateOnly AddBusinessDays(DateOnly date, int days)
    {
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return date;
    }
}
