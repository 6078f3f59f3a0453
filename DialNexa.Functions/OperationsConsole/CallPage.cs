using DialNexa.Functions.Calls;
using System.Globalization;
using System.Text;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>One call: its operational summary and links, the plan and why, and its timeline in words, in the viewer's zone.</summary>
internal static class CallPage
{
    public static string Render(string basePath, string formToken, CallStatusSnapshot status, string runtimeStatus, ListedCall? listed, IReadOnlyList<TimelineEntry> timeline, bool fromHistory, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(timeline);
        var id = status.CallId;
        var root = $"{basePath}/calls/{Uri.EscapeDataString(id)}";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Call {E(id)}</h1>");
        html.Append("<h2>Summary</h2><dl>");
        Item(html, "Stage", $"{ConsoleWords.Stage(status.Stage)} ({runtimeStatus})");
        Item(html, "Workflow", status.Workflow is { } workflow ? $"{workflow}: {ApprovalText.Workflow(workflow)}" : null);
        var facts = status.Context;
        Item(html, "Customer", Join(facts?.Text(FactNames.CustomerName), facts?.Text(FactNames.Company)));
        Item(html, "Contact", Join(facts?.Text(FactNames.Email) is { } email ? ApprovalMasking.Email(email) : listed?.MaskedEmail, facts?.Text(FactNames.Phone) is { } phone ? ApprovalMasking.Phone(phone) : listed?.MaskedPhone));
        Item(html, "Invoice", facts?.Text(FactNames.InvoiceNumber));
        Item(html, "Amount", facts?.Amount is { } amount ? ApprovalText.Money(amount, facts.Currency) : null);
        Item(html, "Caller match", status.Match is { } match ? ApprovalText.Percent(match.Confidence) + (match.Ambiguous ? ", ambiguous" : "") : null);
        if (listed is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Received</dt><dd>{Long(listed.ReceivedAt, zone)}</dd>");
        }

        html.Append("</dl>");
        if (status.Summary is { } summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(ApprovalText.MaskEmails(summary))}</p>");
        }

        html.Append("<h2>Links</h2><ul>");
        html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(root)}/transcript\">Transcript (redacted)</a></li>");
        if (status.Links?.RecordingLink is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(root)}/recording\" rel=\"noreferrer\">Recording</a></li>");
        }

        foreach (var action in status.Actions.Where(a => a.RecordUrl is not null))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(action.RecordUrl)}\" rel=\"noreferrer\">{E(action.Provider.ToString())} record: {E(action.RecordId ?? ConsoleWords.Short(action.Kind))}</a></li>");
        }

        foreach (var provider in status.Match?.Providers.Where(p => p.RecordUrl is not null) ?? [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(provider.RecordUrl)}\" rel=\"noreferrer\">{E(provider.Provider.ToString())} customer {E(provider.Name ?? provider.CustomerId)}</a></li>");
        }

        html.Append("</ul>");
        Plan(html, status);
        html.Append("<h2>Timeline</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted small\">Times in {E(ApprovalText.ZoneName(zone))}. {(fromHistory ? "Built from the handoff's history and the app's records." : "This host does not serve the handoff's history, so only the times the status records are shown.")}</p>");
        html.Append("<ol class=\"timeline\">");
        foreach (var entry in timeline)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Precise(entry.At, zone)}{E(entry.Text)}");
            if (entry.Detail is { } detail)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details><summary>Request as sent</summary><pre class=\"small\">{E(detail)}</pre></details>");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
        return Page(basePath, "/calls", $"Call {id}", formToken, html.ToString());
    }

    /// <summary>The redacted transcript, emails masked.</summary>
    public static string Transcript(string basePath, string formToken, string callId, RedactedCall? call, TimeZoneInfo zone)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Transcript of call {E(callId)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(basePath)}/calls/{E(Uri.EscapeDataString(callId))}\">Back to the call</a></p>");
        html.Append("<p>Card, bank and tax numbers were removed before anything was kept; a label such as [CARD_NUMBER] shows where one was said.</p>");
        if (call is null || (call.Turns.Count == 0 && call.Summary is null))
        {
            html.Append("<p role=\"status\">No transcript was kept for this call (yet).</p>");
        }
        else
        {
            if (call.StartedAt is { } started)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>The call started {Long(started, zone)}.</p>");
            }

            if (call.Summary is { } summary)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h2>DialNexa's summary</h2><p>{E(ApprovalText.MaskEmails(summary))}</p>");
            }

            html.Append("<h2>What was said</h2><ol>");
            foreach (var turn in call.Turns)
            {
                var speaker = turn.Speaker switch { "Agent" => "Agent", "User" => "Caller", _ => "Speaker" };
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>{speaker}:</strong> {E(ApprovalText.MaskEmails(turn.Text))}</li>");
            }

            html.Append("</ol>");
        }

        return Page(basePath, "/calls", $"Transcript of call {callId}", formToken, html.ToString());
    }

    private static void Plan(StringBuilder html, CallStatusSnapshot status)
    {
        html.Append("<h2>The plan and why</h2>");
        if (status.PlannedActions.Count == 0 && status.Actions.Count == 0)
        {
            html.Append("<p>Nothing to write to any provider.</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var action in status.PlannedActions)
            {
                var done = status.Actions.FirstOrDefault(a => a.Kind == action.Kind);
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(Providers.ProviderActionWords.Of(action.Kind))}: {E(done is null ? "not run" : ConsoleWords.Outcome(done.Outcome))}</li>");
            }

            html.Append("</ul>");
        }

        List(html, "Why approval is needed", status.ApprovalReasons);
        List(html, "Why it is in review", status.Review);
        if (status.Context?.Text(FactNames.WorkflowEvidence) is { Length: > 0 } evidence)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>Why this workflow:</strong> {E(ApprovalText.MaskEmails(evidence))}</p>");
        }
    }

    private static void List(StringBuilder html, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(heading)}</h3><ul>");
        foreach (var item in items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(ApprovalText.MaskEmails(item))}</li>");
        }

        html.Append("</ul>");
    }

    private static void Item(StringBuilder html, string term, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        }
    }

    private static string? Join(string? a, string? b) => (a, b) switch
    {
        (null, null) => null,
        (not null, null) => a,
        (null, not null) => b,
        _ => $"{a} · {b}",
    };
}
