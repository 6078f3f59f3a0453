using DialNexa.Functions.Review;
using System.Globalization;
using System.Text;
using DialNexa.Functions.Handoff;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>The review queue: open items oldest first, each with customer, amount, reasons, an excerpt and a form to resolve it; then the latest resolved.</summary>
internal static class ReviewPage
{
    public const int ResolvedShown = 50;

    public static string Render(string basePath, string formToken, IReadOnlyList<ReviewEntry> open, IReadOnlyList<ResolvedReview> resolved, TimeZoneInfo zone, DateTimeOffset now, string? notice)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(resolved);
        var html = new StringBuilder("<h1>Review</h1>");
        if (notice is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(notice)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>Open ({open.Count})</h2>");
        if (open.Count == 0)
        {
            html.Append("<p>Nothing waits for review.</p>");
        }

        var number = 0;
        foreach (var entry in open)
        {
            var item = entry.Item;
            var anchor = string.Create(CultureInfo.InvariantCulture, $"item-{++number}");
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"item\" aria-labelledby=\"{anchor}\">");
            html.Append(CultureInfo.InvariantCulture, $"<h3 id=\"{anchor}\"><a href=\"{E(basePath)}/calls/{E(Uri.EscapeDataString(item.CallId))}\">{E(item.CallId)}</a>{(item.LateDelivery ? " · late delivery" : "")}</h3>");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">Waiting since {Short(item.OpenedAt, zone, now)} ({E(Duration(now - item.OpenedAt))}) · {E(item.Workflow?.ToString() ?? "no workflow")}");
            if (entry.Call is { } call)
            {
                var customer = CallsPage.Customer(call);
                html.Append(CultureInfo.InvariantCulture, $"{(customer.Length > 0 ? " · " + E(customer) : "")}{(call.Amount is null ? "" : " · " + E(ConsoleWords.Amount(call.Amount, call.Currency)))}");
            }

            html.Append("</p><ul>");
            foreach (var reason in item.Review)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(Approvals.ApprovalText.MaskEmails(reason))}</li>");
            }

            html.Append("</ul>");
            if (entry.Excerpt is { } excerpt)
            {
                html.Append(CultureInfo.InvariantCulture, $"<blockquote>{E(excerpt)}</blockquote>");
            }

            var field = anchor + "-";
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(basePath)}/review/{E(Uri.EscapeDataString(item.InstanceId))}/resolve\">{TokenField(formToken)}");
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{field}by\">Resolved by</label><input id=\"{field}by\" name=\"resolvedBy\" required maxlength=\"200\" autocomplete=\"name\">");
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{field}note\">Note (kept redacted, like a transcript)</label><textarea id=\"{field}note\" name=\"note\" rows=\"2\" maxlength=\"2000\"></textarea>");
            html.Append(CultureInfo.InvariantCulture, $"<p><button type=\"submit\">Resolve {E(item.CallId)}</button></p></form></section>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>Resolved (latest {Math.Min(ResolvedShown, resolved.Count)})</h2>");
        if (resolved.Count == 0)
        {
            html.Append("<p>None yet.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Resolved</th><th scope=\"col\">Call</th><th scope=\"col\">By</th><th scope=\"col\">Note</th></tr></thead><tbody>");
            foreach (var done in resolved.Take(ResolvedShown))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Short(done.Resolution.ResolvedAt, zone, now)}</td><td><a href=\"{E(basePath)}/calls/{E(Uri.EscapeDataString(done.Item.CallId))}\">{E(done.Item.CallId)}</a></td><td>{E(done.Resolution.ResolvedBy)}</td><td>{E(done.Resolution.Note)}</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        return Page(basePath, "/review", "Review", formToken, html.ToString());
    }
}
