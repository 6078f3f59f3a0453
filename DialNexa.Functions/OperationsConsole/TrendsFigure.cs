using System.Globalization;
using System.Text;
using DialNexa.Functions.Handoff;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// Two small inline SVG figures from the call list: calls per day by outcome over the last 14 days (stacked bars), and
/// how long finance took to decide, per day (the median, as a bar with its value written on it). Each figure has a
/// title, a description and a table of the same numbers for screen readers and for anyone who would rather read.
/// </summary>
internal static class TrendsFigure
{
    public const int Days = 14;

    private static readonly (string Name, string Colour, Func<ListedCall, bool> Is)[] Outcomes =
    [
        ("Completed", "#0b6b2e", c => c.Stage == HandoffStage.Completed),
        ("Nothing to do", "#7a7a7a", c => c.Stage == HandoffStage.NoAction),
        ("In review", "#b35c00", c => c.Stage == HandoffStage.InReview),
        ("Awaiting approval", "#1f5fbf", c => c.Stage == HandoffStage.AwaitingApproval),
        ("In progress", "#a9b8d6", c => c.Stage is not (HandoffStage.Completed or HandoffStage.NoAction or HandoffStage.InReview or HandoffStage.AwaitingApproval)),
    ];

    public static string Render(string basePath, string formToken, IReadOnlyList<ListedCall> calls, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var days = Enumerable.Range(0, Days).Select(i => today.AddDays(i - Days + 1)).ToList();
        var byDay = new Dictionary<DateOnly, List<ListedCall>>();
        foreach (var call in calls)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(call.ReceivedAt, zone).DateTime);
            if (day >= days[0] && day <= today)
            {
                (byDay.TryGetValue(day, out var list) ? list : byDay[day] = []).Add(call);
            }
        }

        var html = new StringBuilder("<h1>Trends</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>The last {Days} days, by the day each call arrived in {E(Approvals.ApprovalText.ZoneName(zone))}.</p>");
        CallsPerDay(html, days, byDay);
        TimeToApproval(html, days, byDay);
        return Page(basePath, "/trends", "Trends", formToken, html.ToString());
    }

    private static void CallsPerDay(StringBuilder html, List<DateOnly> days, Dictionary<DateOnly, List<ListedCall>> byDay)
    {
        var counts = days.Select(d => Outcomes.Select(o => byDay.TryGetValue(d, out var list) ? list.Count(o.Is) : 0).ToArray()).ToList();
        var max = Math.Max(1, counts.Max(c => c.Sum()));
        const int Width = 640, Height = 220, Left = 36, Bottom = 24, Top = 10;
        var slot = (Width - Left) / (double)days.Count;
        html.Append("<h2 id=\"per-day\">Calls per day by outcome</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"per-day-title per-day-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\"><title id=\"per-day-title\">Calls per day by outcome</title><desc id=\"per-day-desc\">Stacked bars, one per day; the table below has the numbers.</desc>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Top + 10}\" font-size=\"11\">{max}</text><text x=\"0\" y=\"{Height - Bottom}\" font-size=\"11\">0</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * slot) + 2;
            var y = (double)(Height - Bottom);
            for (var o = 0; o < Outcomes.Length; o++)
            {
                var h = counts[i][o] * (Height - Bottom - Top) / (double)max;
                if (h > 0)
                {
                    y -= h;
                    html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot - 4:0.#}\" height=\"{h:0.#}\" fill=\"{Outcomes[o].Colour}\"><title>{days[i]:d MMM}: {counts[i][o]} {E(Outcomes[o].Name.ToLowerInvariant())}</title></rect>");
                }
            }

            if (i % 2 == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 8}\" font-size=\"10\">{days[i].ToString("d MMM", CultureInfo.InvariantCulture)}</text>");
            }
        }

        html.Append("</svg><ul class=\"legend small\">");
        foreach (var outcome in Outcomes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch\" style=\"background:{outcome.Colour}\"></span>{E(outcome.Name)}</li>");
        }

        html.Append("</ul><details><summary>The numbers</summary><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Day</th>");
        foreach (var outcome in Outcomes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(outcome.Name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < days.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{days[i].ToString("ddd d MMM", CultureInfo.InvariantCulture)}</th>{string.Concat(counts[i].Select(c => $"<td class=\"num\">{c}</td>"))}</tr>");
        }

        html.Append("</tbody></table></div></details>");
    }

    private static void TimeToApproval(StringBuilder html, List<DateOnly> days, Dictionary<DateOnly, List<ListedCall>> byDay)
    {
        var medians = days.Select(d => Median(byDay.TryGetValue(d, out var list)
            ? [.. list.Where(c => c.Approval is { DecidedAt: not null }).Select(c => (c.Approval!.DecidedAt!.Value - c.Approval.RequestedAt).TotalMinutes)]
            : new List<double>())).ToList();
        var max = Math.Max(1, medians.Max(m => m ?? 0));
        const int Width = 640, Height = 180, Left = 36, Bottom = 24, Top = 10;
        var slot = (Width - Left) / (double)days.Count;
        html.Append("<h2 id=\"to-approval\">Time to approval (median minutes per day)</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"to-approval-title to-approval-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\"><title id=\"to-approval-title\">Median time from approval request to decision, per day</title><desc id=\"to-approval-desc\">One bar per day with decided approvals; days without any have no bar.</desc>");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * slot) + 2;
            if (medians[i] is { } minutes)
            {
                var h = Math.Max(1, minutes * (Height - Bottom - Top) / max);
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{Height - Bottom - h:0.#}\" width=\"{slot - 4:0.#}\" height=\"{h:0.#}\" fill=\"#1f5fbf\"><title>{days[i]:d MMM}: {minutes:0.#} min</title></rect>");
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom - h - 2:0.#}\" font-size=\"10\">{minutes:0.#}</text>");
            }

            if (i % 2 == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 8}\" font-size=\"10\">{days[i].ToString("d MMM", CultureInfo.InvariantCulture)}</text>");
            }
        }

        html.Append("</svg>");
        var all = Median([.. byDay.Values.SelectMany(l => l).Where(c => c.Approval is { DecidedAt: not null }).Select(c => (c.Approval!.DecidedAt!.Value - c.Approval.RequestedAt).TotalMinutes)]);
        html.Append(CultureInfo.InvariantCulture, $"<p>{(all is { } m ? $"Over the {Days} days, finance decided in a median of {E(Duration(TimeSpan.FromMinutes(m)))}." : "No approval was decided in these days.")}</p>");
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
