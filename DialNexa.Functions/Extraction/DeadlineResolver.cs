using System.Globalization;
using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Turns "by Friday", "on Thursday", "before close of business today", "this afternoon", "tomorrow morning", "by end of
/// week", "by March 20th", "the 1st of February", "before the 25th", "within 3 business days", "within two hours" and
/// "within the hour" into a calendar date in the configured time zone, counted from the call's start (a weekday said on
/// that weekday means the next one).
/// </summary>
internal static partial class DeadlineResolver
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["twelve"] = 12, ["fourteen"] = 14, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty-eight"] = 48,
        ["twenty-four"] = 24, ["seventy-two"] = 72,
    };

    /// <summary>The first deadline in the text (yyyy-MM-dd) and the phrase it came from, or null.</summary>
    public static (string Date, string Phrase)? Find(string text, DateTimeOffset callStart, TimeZoneInfo zone) =>
        FindAll(text, callStart, zone).Cast<(string, string)?>().FirstOrDefault();

    /// <summary>Every deadline in the text, in order.</summary>
    public static IEnumerable<(string Date, string Phrase)> FindAll(string text, DateTimeOffset callStart, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callStart, zone).DateTime);
        foreach (Match match in Phrase().Matches(text))
        {
            // "from the next billing date, the 1st of April", "starting April 1st": when something starts, not a deadline;
            // "the payment we made last Tuesday", "debited again on March 6th": when something happened.
            var before = text.AsSpan(Math.Max(0, match.Index - 35), match.Index - Math.Max(0, match.Index - 35));
            if (!match.Groups["within"].Success && ((!Preposition().IsMatch(match.Value) && StartsFrom().IsMatch(before)) || (!Deadline().IsMatch(match.Value) && HappenedBefore().IsMatch(before))))
            {
                continue;
            }

            var date = match.Groups["within"].Success ? Within(match, callStart, zone, local) : Resolve(match.Groups["when"].Value.ToLowerInvariant(), local, past: false);
            if (date is { } found)
            {
                yield return (found.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), match.Value.Trim());
            }
        }
    }

    /// <summary>A due date: like a deadline, but "was due on the 1st of February" stays in the past.</summary>
    public static string? DueDate(string phrase, DateTimeOffset callStart, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callStart, zone).DateTime);
        return Resolve(phrase.ToLowerInvariant().Trim(), local, past: true)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static DateOnly? Within(Match match, DateTimeOffset callStart, TimeZoneInfo zone, DateOnly local)
    {
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var countText = match.Groups["count"].Value;
        var count = countText.Length == 0 ? 1 : int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Numbers.GetValueOrDefault(countText, 1);
        if (unit.StartsWith("minute", StringComparison.Ordinal) || unit.StartsWith("hour", StringComparison.Ordinal))
        {
            var minutes = unit.StartsWith("minute", StringComparison.Ordinal) ? count : count * 60;
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callStart.AddMinutes(minutes), zone).DateTime);
        }

        return unit.StartsWith("week", StringComparison.Ordinal) ? local.AddDays(7 * count)
            : match.Groups["business"].Success ? AddBusinessDays(local, count) : local.AddDays(count);
    }

    private static DateOnly? Resolve(string phrase, DateOnly today, bool past)
    {
        phrase = phrase.Replace("'s", "", StringComparison.Ordinal).Trim();
        if (Enum.TryParse<DayOfWeek>(phrase, ignoreCase: true, out var weekday))
        {
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        switch (phrase)
        {
            case "today" or "tonight" or "end of day" or "end of the day" or "eod" or "close of business" or "close of business today" or "cob"
                or "this afternoon" or "this morning" or "this evening" or "end of day today" or "close of play" or "close of play today":
                return today;
            case "tomorrow" or "tomorrow morning" or "tomorrow afternoon" or "tomorrow evening" or "end of day tomorrow" or "close of business tomorrow":
                return today.AddDays(1);
            case "end of week" or "end of the week" or "eow" or "the end of the week":
                return today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
            case "end of month" or "end of the month" or "the end of the month":
                return new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        }

        if (DateOnly.TryParseExact(phrase, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        var cleaned = Ordinal().Replace(phrase, "$1").Replace("the ", "", StringComparison.Ordinal).Trim();
        if (DateOnly.TryParseExact(cleaned, ["MMMM d", "d MMMM", "d 'of' MMMM", "MMM d", "d MMM", "d 'of' MMM"], CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var monthDay))
        {
            var candidate = new DateOnly(today.Year, monthDay.Month, monthDay.Day);
            return candidate < today && !past ? candidate.AddYears(1) : candidate;
        }

        if (int.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
        {
            var month = new DateOnly(today.Year, today.Month, 1);
            var candidate = month.AddDays(Math.Min(day, DateTime.DaysInMonth(month.Year, month.Month)) - 1);
            return candidate >= today || past ? candidate : month.AddMonths(1).AddDays(Math.Min(day, DateTime.DaysInMonth(month.AddMonths(1).Year, month.AddMonths(1).Month)) - 1);
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

    private const string Month = "(?:january|february|march|april|may|june|july|august|september|october|november|december)";
    private const string Weekday = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?";

    [GeneratedRegex(
        @"\b(?:(?<within>within\s+(?:the\s+)?(?:next\s+)?(?<count>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|fifteen|twenty|thirty|twenty-four|forty-eight|seventy-two)?\s*(?<business>business\s+|working\s+)?(?<unit>minutes?|hours?|days?|weeks?))"
        + @"|(?:(?:by|before|until|till|no later than|on|for)\s+(?:this\s+|next\s+|the\s+)?)?(?<when>" + Weekday + @"|tomorrow(?:\s+(?:morning|afternoon|evening))?|today|tonight|this\s+(?:morning|afternoon|evening)|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month)(?:\s+(?:today|tomorrow))?|close\s+of\s+(?:business|play)(?:\s+(?:today|tomorrow))?|eod|eow|cob"
        + @"|" + Month + @"\s+\d{1,2}(?:st|nd|rd|th)?|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"|\d{4}-\d{2}-\d{2}|the\s+\d{1,2}(?:st|nd|rd|th)))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"^(by|before|until|till|no later than|on|for)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Preposition();

    [GeneratedRegex(@"\b(from|starting|effective|as of|beginning)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartsFrom();

    [GeneratedRegex(@"^(by|before|until|till|no later than)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"(\blast\s*$)|\b(made|paid|sent|was|were|did|happened|charged|debited|billed|went|came|received|got|bought|renewed|arrived|cancell?ed|canceled|tried|called|emailed|signed|moved|switched|took|taken|processed|declined|failed|bounced|refused)\b(\s+\S+){0,2}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HappenedBefore();

    [GeneratedRegex(@"(\d)(st|nd|rd|th)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Ordinal();
}
