using System.Globalization;
using System.Text;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>Approvals waiting: who was asked, since when, when it times out, the last reminder, and a button to remind again. Oldest request first.</summary>
internal static class ApprovalsPage
{
    public static string Render(string basePath, string formToken, IReadOnlyList<ListedCall> waiting, TimeZoneInfo zone, DateTimeOffset now, string? notice, bool noticeIsProblem)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var html = new StringBuilder("<h1>Approvals waiting</h1>");
        if (notice is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"{(noticeIsProblem ? "alert" : "status")}\">{E(notice)}</p>");
        }

        if (waiting.Count == 0)
        {
            html.Append("<p>No call waits for a finance decision.</p>");
            return Page(basePath, "/approvals", "Approvals waiting", formToken, html.ToString());
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{waiting.Count} call(s) wait for finance, the longest waiting first. Times in {E(Approvals.ApprovalText.ZoneName(zone))}.</p>");
        html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Call</th><th scope=\"col\">Customer</th><th scope=\"col\">Amount</th><th scope=\"col\">Asked</th><th scope=\"col\">Waiting since</th><th scope=\"col\">Times out</th><th scope=\"col\">Reminder</th></tr></thead><tbody>");
        foreach (var call in waiting)
        {
            var approval = call.Approval!;
            html.Append("<tr>");
            html.Append(CultureInfo.InvariantCulture, $"<td><a href=\"{E(basePath)}/calls/{E(Uri.EscapeDataString(call.CallId))}\">{E(call.CallId)}</a><br><span class=\"small\">{E(call.Workflow?.ToString())}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(CallsPage.Customer(call))}</td><td class=\"num\">{E(ConsoleWords.Amount(call.Amount, call.Currency))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(", ", approval.Approvers))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Short(approval.RequestedAt, zone, now)}<br><span class=\"small\">{E(Duration(now - approval.RequestedAt))} ago</span></td>");
            var left = approval.ExpiresAt - now;
            html.Append(CultureInfo.InvariantCulture, $"<td>{Short(approval.ExpiresAt, zone, now)}<br><span class=\"small\">{E(left > TimeSpan.Zero ? "in " + Duration(left) : "now")}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(approval.RemindedAt is { } reminded ? "Reminded " + Short(reminded, zone, now) : "<span class=\"muted\">Not yet</span>")}");
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(basePath)}/approvals/{E(Uri.EscapeDataString(call.CallId))}/remind\">{TokenField(formToken)}<button type=\"submit\" class=\"secondary\">Remind again<span class=\"muted small\"> ({E(call.CallId)})</span></button></form></td>");
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        return Page(basePath, "/approvals", "Approvals waiting", formToken, html.ToString());
    }
}
