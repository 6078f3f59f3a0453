using System.Globalization;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// Filters the call list by a <see cref="CallQuery"/>. A search text matches a call whose ID contains it, whose stored
/// digest of email, phone or invoice number equals the text's (see <see cref="SearchDigests"/>: nothing raw is compared),
/// or whose amount equals it when it reads as an amount ("249", "249.00", "$249.00").
/// </summary>
internal static class CallSearch
{
    public static List<ListedCall> Filter(IReadOnlyList<ListedCall> calls, CallQuery query, IReadOnlySet<string> digests, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(digests);
        var text = query.Text;
        var amount = text is null ? null : AmountOf(text);
        var from = query.From is { } f ? Start(f, zone) : (DateTimeOffset?)null;
        var to = query.To is { } t ? Start(t.AddDays(1), zone) : (DateTimeOffset?)null;
        var found = new List<ListedCall>();
        foreach (var call in calls)
        {
            if ((query.Stage is { } stage && call.Stage != stage)
                || (query.Workflow is { } workflow && call.Workflow != workflow)
                || (from is { } start && call.ReceivedAt < start)
                || (to is { } end && call.ReceivedAt >= end))
            {
                continue;
            }

            if (text is not null
                && !call.CallId.Contains(text, StringComparison.OrdinalIgnoreCase)
                && !(amount is { } value && call.Amount == value)
                && !call.SearchKeys.Any(digests.Contains))
            {
                continue;
            }

            found.Add(call);
        }

        return found;
    }

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static decimal? AmountOf(string text)
    {
        var trimmed = text.Trim().TrimStart('$', '£', '€', '₦').Replace(",", "", StringComparison.Ordinal);
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c == '.')
            && decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
