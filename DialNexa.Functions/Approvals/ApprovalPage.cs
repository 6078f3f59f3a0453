using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The approval page as plain, accessible HTML: no script, one column that fits a phone, labelled controls, a status
/// region for outcomes. Shows only the redacted request; pages for bad links show nothing about any request.
/// </summary>
internal static class ApprovalPage
{
    private const string Style =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#fff}" +
        "main{max-width:40rem;margin:0 auto}h1{font-size:1.4rem}dt{font-weight:600}dd{margin:0 0 .5rem}" +
        "h3{font-size:1.05rem;margin-bottom:.25rem}dd,h1,h3,p,li{overflow-wrap:anywhere}.changes dd{border-bottom:1px solid #ccc;padding-bottom:.3rem}" +
        "label{display:block;font-weight:600;margin-top:1rem}textarea{width:100%;box-sizing:border-box;font:inherit}" +
        ".actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1rem}button{font:inherit;padding:.75rem 1.5rem;min-width:8rem;border-radius:.3rem;border:2px solid #1a1a1a;cursor:pointer}" +
        ".approve{background:#0b6b2e;color:#fff}.reject{background:#fff;color:#8a1010;border-color:#8a1010}" +
        "[role=status],[role=alert]{padding:.75rem;border-left:.3rem solid #1a1a1a;background:#f3f3f3}";

    public static string Form(ApprovalRequest request, ApprovalTicket ticket, string antiforgeryField, string antiforgeryToken, int approvals)
    {
        var html = new StringBuilder();
        var name = NameOf(request, ticket.Approver);
        html.Append(CultureInfo.InvariantCulture, $"<h1>Finance approval for call {E(request.CallId)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Approving as <strong>{E(name)}</strong>. This link is yours alone and decides once.</p>");
        Details(html, request, approvals);
        html.Append("<form method=\"post\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryToken)}\">");
        html.Append("<label for=\"comment\">Comment (optional)</label>");
        html.Append("<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"500\"></textarea>");
        html.Append("<div class=\"actions\">");
        html.Append("<button type=\"submit\" class=\"approve\" name=\"decision\" value=\"approve\">Approve</button>");
        html.Append("<button type=\"submit\" class=\"reject\" name=\"decision\" value=\"reject\">Reject</button>");
        html.Append("</div></form>");
        return Document($"Approve call {request.CallId}", html.ToString());
    }

    public static string Outcome(ApprovalResult result)
    {
        var request = result.Request!;
        var html = new StringBuilder();
        switch (result.State)
        {
            case ApprovalState.Recorded:
                var decision = result.Decision!;
                var verb = decision.Approved ? "Approved" : "Rejected";
                html.Append(CultureInfo.InvariantCulture, $"<h1>{verb}</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">You {verb.ToLowerInvariant()} the request for call {E(request.CallId)} at {When(decision.DecidedAt)}.");
                html.Append(result.Earlier is not null
                    ? decision.Approved ? " The writes go ahead now." : " Nothing will be written."
                    : string.Create(CultureInfo.InvariantCulture, $" {result.Approvals} of {request.Quorum} approvals are in; the writes wait for the rest."));
                html.Append("</p>");
                break;
            case ApprovalState.AlreadyUsed:
                var mine = result.Decision!;
                html.Append("<h1>Already decided</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">You already {(mine.Approved ? "approved" : "rejected")} this request at {When(mine.DecidedAt)}. This link decides once; nothing changed.</p>");
                break;
            case ApprovalState.AlreadyDecided:
                var first = result.Earlier!;
                html.Append("<h1>Already decided</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(NameOf(request, first.Approver))} {(first.Approved ? "approved" : "rejected")} this request first, at {When(first.DecidedAt)}. Your decision was not recorded.</p>");
                break;
            default:
                html.Append("<h1>This request is closed</h1>");
                html.Append("<p role=\"status\">The call no longer waits for a decision: it timed out and went to the review queue, or it finished. Nothing was recorded.</p>");
                break;
        }

        Details(html, request, null);
        return Document("Finance approval", html.ToString());
    }

    public static string Expired(DateTimeOffset expiredAt) => Document(
        "Approval link expired",
        string.Create(CultureInfo.InvariantCulture, $"<h1>This approval link has expired</h1><p role=\"alert\">It expired at {When(expiredAt)}. Nothing was decided. A request that nobody decided in time goes to the finance review queue.</p>"));

    public static string NotFound() => Document(
        "Link not valid",
        "<h1>This link is not valid</h1><p role=\"alert\">Check that you opened the whole link from your message.</p>");

    public static string Unavailable() => Document(
        "Decision not recorded",
        "<h1>Decision not recorded</h1><p role=\"alert\">The approval store is unavailable right now, so nothing was recorded. Go back and try again in a minute: this link still works.</p>");

    public static string BadForm(string problem) => Document(
        "Decision not recorded",
        $"<h1>Decision not recorded</h1><p role=\"alert\">{E(problem)} Go back, reload the page and try again.</p>");

    private static void Details(StringBuilder html, ApprovalRequest request, int? approvals)
    {
        html.Append("<h2>The request</h2><dl>");
        Item(html, "Workflow", request.Workflow?.ToString() ?? "Other");
        if (request.Customer is { } customer)
        {
            Item(html, "Customer", customer);
        }

        if (request.Amount is { } amount)
        {
            Item(html, "Amount", string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {request.Currency}"));
        }

        Item(html, "Caller match confidence", request.MatchConfidence.ToString("0.00", CultureInfo.InvariantCulture));
        Item(html, "Requested by", request.Requester);
        Item(html, "Requested at", When(request.RequestedAt));
        Item(html, "Decide before", When(request.ExpiresAt));
        Item(html, "Approvals needed", request.Quorum == 1 ? "1 (the first decision settles it)" : string.Create(CultureInfo.InvariantCulture, $"{request.Quorum}{(approvals is { } n ? $", {n} in so far" : "")}; any rejection rejects"));
        html.Append("</dl>");
        if (request.Reasons.Count > 0)
        {
            html.Append("<h2>Why approval is needed</h2><ul>");
            foreach (var reason in request.Reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>What will be written</h2>");
        if (request.Changes.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(string.Join("; ", request.Actions))}</p>");
            return;
        }

        foreach (var group in request.Changes.GroupBy(c => $"{c.Provider}: {c.Action}"))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(group.Key)}</h3><dl class=\"changes\">");
            foreach (var change in group)
            {
                var value = change.OldValue == change.NewValue
                    ? $"{change.NewValue} (unchanged)"
                    : $"{change.OldValue ?? "current value, read when written"} → {change.NewValue}";
                Item(html, change.Field, value);
            }

            html.Append("</dl>");
        }
    }

    private static void Item(StringBuilder html, string term, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(value)}</dd>");

    private static string NameOf(ApprovalRequest request, string approver) =>
        request.Approvers.FirstOrDefault(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase))?.Name ?? approver;

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string Document(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex, nofollow\"><title>{E(title)}</title><style>{Style}</style></head><body><main>{body}</main></body></html>";
}
