using DialNexa.Functions.Calls;
using System.Globalization;
using System.Text;
using DialNexa.Functions.Handoff;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>The calls page: search and filters, one page of calls newest first, paging, and the CSV of the same search.</summary>
internal static class CallsPage
{
    public static string Render(string basePath, string formToken, CallQuery query, IReadOnlyList<ListedCall> found, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(found);
        var html = new StringBuilder("<h1>Calls</h1>");
        if (query.Problems.Count > 0)
        {
            html.Append("<div role=\"alert\"><p>Some of the search could not be read, so it was left out:</p><ul>");
            foreach (var problem in query.Problems)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(problem)}</li>");
            }

            html.Append("</ul></div>");
        }

        SearchForm(html, basePath, query);
        var pages = Math.Max(1, (found.Count + CallQuery.PageSize - 1) / CallQuery.PageSize);
        var page = Math.Min(query.Page, pages);
        var shown = found.Skip((page - 1) * CallQuery.PageSize).Take(CallQuery.PageSize).ToList();
        var first = found.Count == 0 ? 0 : ((page - 1) * CallQuery.PageSize) + 1;
        html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\" id=\"count\">{(found.Count == 0 ? "No calls match." : $"Calls {first}–{first + shown.Count - 1} of {found.Count:N0}, newest first.")} Times in {E(Approvals.ApprovalText.ZoneName(zone))}.</p>");
        if (shown.Count > 0)
        {
            html.Append("<div class=\"scroll\"><table><caption class=\"muted small\">Customers' emails and phone numbers are masked.</caption><thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Call</th><th scope=\"col\">Stage</th><th scope=\"col\">Workflow</th><th scope=\"col\">Customer</th><th scope=\"col\">Amount</th><th scope=\"col\">Provider actions</th></tr></thead><tbody>");
            foreach (var call in shown)
            {
                html.Append("<tr>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{Short(call.ReceivedAt, zone, now)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td><a href=\"{E(basePath)}/calls/{E(Uri.EscapeDataString(call.CallId))}\">{E(call.CallId)}</a></td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(ConsoleWords.Stage(call.Stage))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(call.Workflow?.ToString() ?? "")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(Customer(call))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{E(ConsoleWords.Amount(call.Amount, call.Currency))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(call.Actions.Count == 0 ? "<span class=\"muted\">none</span>" : E(string.Join("; ", call.Actions.Select(ConsoleWords.Action))))}</td>");
                html.Append("</tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<div class=\"pager\">");
        if (page > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"{E(basePath)}/calls{E(query.QueryString(page - 1))}\">Newer calls</a>");
        }

        if (page < pages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"next\" href=\"{E(basePath)}/calls{E(query.QueryString(page + 1))}\">Older calls</a>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" href=\"{E(basePath)}/calls.csv{E((query with { Page = 1 }).QueryString())}\" download>Export these calls as CSV</a></div>");
        return Page(basePath, "/calls", "Calls", formToken, html.ToString());
    }

    public static string Customer(ListedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var parts = new[] { call.CustomerName, call.MaskedEmail ?? call.MaskedPhone }.Where(p => !string.IsNullOrEmpty(p));
        return string.Join(" · ", parts);
    }

    private static void SearchForm(StringBuilder html, string basePath, CallQuery query)
    {
        html.Append(CultureInfo.InvariantCulture, $"<form class=\"search\" method=\"get\" action=\"{E(basePath)}/calls\" role=\"search\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"q\">Call ID, email, phone, invoice or amount</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{E(query.Text)}\" maxlength=\"200\"></div>");
        Select(html, "stage", "Stage", Enum.GetValues<HandoffStage>().Select(s => (s.ToString(), ConsoleWords.Stage(s))), query.Stage?.ToString());
        Select(html, "workflow", "Workflow", Enum.GetValues<HandoffWorkflow>().Select(w => (w.ToString(), w.ToString())), query.Workflow?.ToString());
        html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"from\">From</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{E(query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}\"></div>");
        html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"to\">To</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{E(query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}\"></div>");
        html.Append("<div><button type=\"submit\">Search</button></div></form>");
    }

    private static void Select(StringBuilder html, string name, string label, IEnumerable<(string Value, string Text)> options, string? selected)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"{name}\">{E(label)}</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">Any</option>");
        foreach (var (value, text) in options.DistinctBy(o => o.Text))
        {
            var mark = value == selected ? " selected" : "";
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(value)}\"{mark}>{E(text)}</option>");
        }

        html.Append("</select></div>");
    }
}
