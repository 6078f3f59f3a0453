using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The approval page as plain, accessible HTML: no script, one column that fits a phone, labelled controls, a status
/// region for outcomes. It shows the redacted request in finance's words: each request exactly as it will be sent
/// (or, in dry run, recorded), field by field with the value now and the value sent; why approval is needed; what the
/// caller asked and the agent promised; how sure the caller match is and what that means; times in the approver's
/// zone beside UTC. Pages for bad links show nothing about any request.
/// </summary>
internal static class ApprovalPage
{
    private const string Style =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#fff}" +
        "main{max-width:44rem;margin:0 auto}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}dt{font-weight:600}dd{margin:0 0 .5rem}" +
        "h3{font-size:1.05rem;margin-bottom:.25rem}dd,h1,h2,h3,p,li,td,th,code,blockquote{overflow-wrap:anywhere}" +
        "blockquote{margin:.25rem 0 .75rem;padding:.25rem .75rem;border-left:.25rem solid #888;background:#f6f6f6}" +
        "table{width:100%;table-layout:fixed;border-collapse:collapse;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem;border-bottom:1px solid #ccc}" +
        "thead th{font-size:.9rem}col.field{width:30%}col.now{width:30%}col.sent{width:40%}" +
        ".write{border:1px solid #bbb;border-radius:.3rem;padding:.5rem .75rem;margin:.75rem 0}.mode{font-weight:600}" +
        ".dry{background:#fff4d6;border-left:.3rem solid #8a5a00;padding:.75rem}.nothing{color:#555}" +
        "label{display:block;font-weight:600;margin-top:1rem}textarea,input,select{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}" +
        "fieldset{margin-top:1rem;border:1px solid #1a1a1a;border-radius:.3rem}legend{font-weight:600}" +
        ".actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1rem}button{font:inherit;padding:.75rem 1.5rem;min-width:8rem;border-radius:.3rem;border:2px solid #1a1a1a;cursor:pointer}" +
        ".approve{background:#0b6b2e;color:#fff}.reject{background:#fff;color:#8a1010;border-color:#8a1010}" +
        "[role=status],[role=alert]{padding:.75rem;border-left:.3rem solid #1a1a1a;background:#f3f3f3}";

    /// <summary>The open request with its decision form.</summary>
    public static string Form(ApprovalPageView view, string antiforgeryField, string antiforgeryToken, int approvals, BankAccountState bank, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(problems);
        var request = view.Request;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Finance approval for call {E(request.CallId)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Approving as <strong>{E(NameOf(request, view.Ticket.Approver))}</strong>. This link is yours alone and decides once.</p>");
        if (problems.Count > 0)
        {
            html.Append("<div role=\"alert\"><p>Your decision was not recorded:</p><ul>");
            foreach (var problem in problems)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(problem)}</li>");
            }

            html.Append("</ul></div>");
        }

        Details(html, view, approvals);
        html.Append("<h2>Your decision</h2><form method=\"post\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryToken)}\">");
        switch (bank)
        {
            case BankAccountState.Needed:
                BankAccountFields(html);
                break;
            case BankAccountState.Entered entered:
                html.Append(CultureInfo.InvariantCulture, $"<p>The new bank account (ending {E(entered.Last4)}) was entered by {E(NameOf(request, entered.EnteredBy))}; approving sends it as entered.</p>");
                break;
        }

        html.Append("<label for=\"comment\">Comment (optional)</label>");
        html.Append("<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"500\"></textarea>");
        html.Append("<div class=\"actions\">");
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"approve\" name=\"decision\" value=\"approve\">{(request.DryRun ? "Approve (dry run)" : "Approve")}</button>");
        html.Append("<button type=\"submit\" class=\"reject\" name=\"decision\" value=\"reject\" formnovalidate>Reject</button>");
        html.Append("</div></form>");
        return Document($"Approve call {request.CallId}", html.ToString());
    }

    public static string Outcome(ApprovalResult result, ApprovalPageView view)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(view);
        var request = result.Request!;
        var zone = view.Zone;
        var html = new StringBuilder();
        switch (result.State)
        {
            case ApprovalState.Recorded:
                var decision = result.Decision!;
                var verb = decision.Approved ? "Approved" : "Rejected";
                html.Append(CultureInfo.InvariantCulture, $"<h1>{verb}</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">You {verb.ToLowerInvariant()} the request for call {E(request.CallId)} at {E(ApprovalText.When(decision.DecidedAt, zone))}.");
                html.Append(E(result.Earlier is null
                    ? string.Create(CultureInfo.InvariantCulture, $" {result.Approvals} of {request.Quorum} approvals are in; nothing is sent until the rest approve.")
                    : decision.Approved ? AfterApproval(request) : AfterRejection(request)));
                html.Append("</p>");
                break;
            case ApprovalState.AlreadyUsed:
                var mine = result.Decision!;
                html.Append("<h1>Already decided</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">You already {(mine.Approved ? "approved" : "rejected")} this request at {E(ApprovalText.When(mine.DecidedAt, zone))}. This link decides once; nothing changed.</p>");
                break;
            case ApprovalState.AlreadyDecided:
                var first = result.Earlier!;
                html.Append("<h1>Already decided</h1>");
                html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(NameOf(request, first.Approver))} {(first.Approved ? "approved" : "rejected")} this request first, at {E(ApprovalText.When(first.DecidedAt, zone))}. Your decision was not recorded.</p>");
                break;
            case ApprovalState.BankAccountNeeded:
                html.Append("<h1>Bank account needed</h1>");
                html.Append("<p role=\"alert\">Approving adds a company bank account: reload the page and type its numbers. Nothing was recorded.</p>");
                break;
            default:
                html.Append("<h1>This request is closed</h1>");
                html.Append("<p role=\"status\">The call no longer waits for a decision: it timed out and went to the review queue, or it finished. Nothing was recorded.</p>");
                break;
        }

        Details(html, view, null);
        return Document("Finance approval", html.ToString());
    }

    /// <summary>The call's redacted transcript, for the approver holding a valid link.</summary>
    public static string Transcript(ApprovalPageView view, RedactedCall? call, string backUrl)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Transcript of call {E(view.Request.CallId)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(backUrl)}\">Back to the approval request</a></p>");
        html.Append("<p>Card, bank and tax numbers were removed before anything was kept; a label such as [CARD_NUMBER] shows where one was said.</p>");
        if (call is null || call.Turns.Count == 0 && call.Summary is null)
        {
            html.Append("<p role=\"status\">No transcript was kept for this call.</p>");
            return Document($"Transcript of call {view.Request.CallId}", html.ToString());
        }

        if (call.StartedAt is { } started)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>The call started {E(ApprovalText.When(started, view.Zone))}.</p>");
        }

        if (call.Summary is { } summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>DialNexa's summary</h2><p>{E(ApprovalText.MaskEmails(summary))}</p>");
        }

        html.Append("<h2>What was said</h2><ol>");
        foreach (var turn in call.Turns)
        {
            var speaker = turn.Speaker switch
            {
                "Agent" => "Agent",
                "User" => "Caller",
                _ => "Speaker",
            };
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{speaker}:</strong> {E(ApprovalText.MaskEmails(turn.Text))}</li>");
        }

        html.Append("</ol>");
        return Document($"Transcript of call {view.Request.CallId}", html.ToString());
    }

    public static string Expired(DateTimeOffset expiredAt, TimeZoneInfo? zone) => Document(
        "Approval link expired",
        string.Create(CultureInfo.InvariantCulture, $"<h1>This approval link has expired</h1><p role=\"alert\">It expired {E(ApprovalText.When(expiredAt, zone))}. Nothing was decided. A request that nobody decided in time goes to the finance review queue.</p>"));

    public static string NotFound() => Document(
        "Link not valid",
        "<h1>This link is not valid</h1><p role=\"alert\">Check that you opened the whole link from your message.</p>");

    public static string Unavailable() => Document(
        "Decision not recorded",
        "<h1>Decision not recorded</h1><p role=\"alert\">The approval store is unavailable right now, so nothing was recorded. Go back and try again in a minute: this link still works.</p>");

    public static string BadForm(string problem) => Document(
        "Decision not recorded",
        $"<h1>Decision not recorded</h1><p role=\"alert\">{E(problem)} Go back, reload the page and try again.</p>");

    private static string AfterApproval(ApprovalRequest request)
    {
        var sending = request.Writes.Where(w => w.Sends).ToList();
        if (sending.Count == 0)
        {
            return " None of the requests needs sending (see each below).";
        }

        var live = sending.Where(w => w.Mode == ProviderMode.Live).ToList();
        var dry = sending.Where(w => w.Mode == ProviderMode.DryRun).ToList();
        var text = live.Count > 0 ? $" The requests to {Providers(live)} are sent now." : "";
        if (dry.Count > 0)
        {
            text += $" Dry run for {Providers(dry)}: nothing is sent there; the call records each request as it would have been sent.";
        }

        if (request.Writes.Any(w => w.NeedsBankAccountEntry))
        {
            text += " The bank account goes with them, once; only its last four digits are kept.";
        }

        return text;
    }

    private static string AfterRejection(ApprovalRequest request) => request.CarriesPromise
        ? $" Nothing will be written. The caller was promised {ApprovalText.Promise(request.AgentPromise, request.FollowUpBy, request.CallbackRequested)}: the call goes to the review queue so that someone answers them."
        : " Nothing will be written.";

    private static string Providers(IEnumerable<ApprovalWrite> writes) => string.Join(" and ", writes.Select(w => w.Provider.ToString()).Distinct());

    private static void Details(StringBuilder html, ApprovalPageView view, int? approvals)
    {
        var request = view.Request;
        var zone = view.Zone;
        if (request.DryRun)
        {
            var dry = request.Writes.Where(w => w.Mode == ProviderMode.DryRun && w.Sends).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"dry\" role=\"note\"><strong>Dry run.</strong> {E(Providers(dry))} {(dry.Select(w => w.Provider).Distinct().Count() == 1 ? "is" : "are")} in dry run here: approving sends nothing there, and the call records each request below as it would have been sent.</p>");
        }

        html.Append("<h2>The call</h2><dl>");
        Item(html, "Request", Capitalized(ApprovalText.Workflow(request.Workflow)));
        if (request.Customer is { } customer)
        {
            Item(html, "Customer", customer);
        }

        if (request.Amount is not null)
        {
            Item(html, "Amount on the call", request.AmountText);
        }

        if (request.CallStartedAt is { } started)
        {
            Item(html, "Call started", ApprovalText.When(started, zone));
        }

        html.Append("</dl>");
        if (request.CallerRequest is { } asked)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>What the caller asked</h3><blockquote data-quote=\"caller\">{E(asked)}</blockquote>");
        }

        if (request.AgentPromise is not null || request.FollowUpBy is not null || request.CallbackRequested)
        {
            html.Append("<h3>What the agent promised</h3>");
            if (request.AgentPromise is { } promise)
            {
                html.Append(CultureInfo.InvariantCulture, $"<blockquote data-quote=\"agent\">{E(promise)}</blockquote>");
            }

            var when = new List<string>();
            if (request.FollowUpBy is { } by)
            {
                when.Add($"An answer by {ApprovalText.Date(by)}.");
            }

            if (request.CallbackRequested)
            {
                when.Add("The caller asked to be called back.");
            }

            if (when.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{E(string.Join(" ", when))} If you reject, the call goes to the review queue so that someone answers the caller.</p>");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(view.TranscriptUrl)}\">Read the call's transcript</a> (card, bank and tax numbers removed).</p>");

        if (request.Reasons.Count > 0)
        {
            html.Append("<h2>Why approval is needed</h2><ul>");
            foreach (var reason in request.Reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>Who the caller is</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>Caller match: {ApprovalText.Percent(request.MatchConfidence)}.</strong> {E(request.MatchBasis ?? "")}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(MatchMeaning(request.MatchConfidence))}</p>");

        html.Append(request.Writes.All(w => w.Mode == ProviderMode.DryRun) && request.Writes.Count > 0 ? "<h2>What would be sent (dry run)</h2>" : "<h2>What will be sent</h2>");
        if (request.Writes.Count == 0)
        {
            html.Append("<p>No request is planned.</p>");
        }

        var number = 0;
        foreach (var write in request.Writes)
        {
            Write(html, write, ++number);
        }

        html.Append("<h2>Deciding</h2><dl>");
        Item(html, "Requested by", request.Requester);
        Item(html, "Requested", ApprovalText.When(request.RequestedAt, zone));
        Item(html, "Decide before", ApprovalText.When(request.ExpiresAt, zone) + ". After that the call goes to the review queue and nothing is written.");
        Item(html, "Approvals needed", request.Quorum == 1 ? "1 (the first decision settles it)" : string.Create(CultureInfo.InvariantCulture, $"{request.Quorum}{(approvals is { } n ? $", {n} in so far" : "")}; any rejection rejects"));
        html.Append("</dl>");
    }

    private static void Write(StringBuilder html, ApprovalWrite write, int number)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"write\" data-provider=\"{write.Provider}\" data-kind=\"{write.Kind}\" data-mode=\"{write.Mode}\" data-sends=\"{(write.Sends ? "true" : "false")}\">");
        html.Append(CultureInfo.InvariantCulture, $"<h3>{number}. {E(write.Operation)}</h3>");
        html.Append(!write.Sends
            ? "<p class=\"mode nothing\">Nothing will be sent.</p>"
            : write.Mode == ProviderMode.DryRun
                ? $"<p class=\"mode dry\">Dry run: recorded, not sent to {write.Provider}.</p>"
                : $"<p class=\"mode\">Sent to {write.Provider} when approved.</p>");
        if (write.Record is { } record)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Record: {E(record)}</p>");
        }

        if (write.Sends)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Request: <code data-request>{E(write.Method!)} {E(write.Url ?? "")}</code></p>");
        }

        if (write.Fields.Count > 0)
        {
            html.Append("<table><caption>Fields of the request</caption><colgroup><col class=\"field\"><col class=\"now\"><col class=\"sent\"></colgroup>");
            html.Append("<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Now</th><th scope=\"col\">Sent</th></tr></thead><tbody>");
            foreach (var field in write.Fields)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr data-field=\"{E(field.Path)}\" data-sent=\"{E(field.Sent)}\"><th scope=\"row\">{E(field.Label)}</th><td>{E(field.Current)}</td><td>{E(field.New)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }
        else if (write.Sends)
        {
            html.Append("<p>The request has no fields: the address says it all.</p>");
        }

        if (write.Note is { } note)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(note)}</p>");
        }

        html.Append("</section>");
    }

    private static void BankAccountFields(StringBuilder html)
    {
        html.Append("<fieldset><legend>The new company bank account</legend>");
        html.Append("<p id=\"bank-help\">Type the numbers from the company's bank documents, not from the call. They are sent to Gusto once when the request is approved, then forgotten: only the last four digits are kept. Needed to approve, not to reject.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"{BankAccountForm.RoutingField}\">Routing number (9 digits)</label>");
        html.Append(CultureInfo.InvariantCulture, $"<input id=\"{BankAccountForm.RoutingField}\" name=\"{BankAccountForm.RoutingField}\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" pattern=\"[0-9]{{9}}\" maxlength=\"9\" required aria-describedby=\"bank-help\">");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"{BankAccountForm.AccountField}\">Account number</label>");
        html.Append(CultureInfo.InvariantCulture, $"<input id=\"{BankAccountForm.AccountField}\" name=\"{BankAccountForm.AccountField}\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" pattern=\"[0-9]{{4,17}}\" maxlength=\"17\" required>");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"{BankAccountForm.AccountAgainField}\">Account number again</label>");
        html.Append(CultureInfo.InvariantCulture, $"<input id=\"{BankAccountForm.AccountAgainField}\" name=\"{BankAccountForm.AccountAgainField}\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" pattern=\"[0-9]{{4,17}}\" maxlength=\"17\" required>");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"{BankAccountForm.TypeField}\">Account type</label><select id=\"{BankAccountForm.TypeField}\" name=\"{BankAccountForm.TypeField}\">");
        foreach (var type in BankAccountForm.AccountTypes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option>{type}</option>");
        }

        html.Append("</select></fieldset>");
    }

    private static string MatchMeaning(double confidence) =>
        "The match is how closely what the caller said (email, phone, name) agrees with a customer record in the finance platforms: "
        + "an email match scores above 90%, a phone match 80%, a name alone under 50%. "
        + (confidence <= 0
            ? "0% means no record was found, so the requests above use only what the caller said (a create makes a new record)."
            : confidence < 0.8 ? "This one is weak: check the record before you approve." : "This one is strong.");

    private static void Item(StringBuilder html, string term, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(value)}</dd>");

    private static string NameOf(ApprovalRequest request, string approver) =>
        request.Approvers.FirstOrDefault(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase))?.Name ?? approver;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string Document(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex, nofollow\"><title>{E(title)}</title><style>{Style}</style></head><body><main>{body}</main></body></html>";
}
