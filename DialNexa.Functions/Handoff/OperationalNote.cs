using System.Globalization;
using System.Text;
using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff;

/// <summary>The short note written into providers and alerts: what the call was about, what was promised, links. Redacted facts only.</summary>
internal static class OperationalNote
{
    public const int MaxLength = 600;

    public static string Build(RedactedCall call, CallFacts facts, CallLinks links)
    {
        var note = new StringBuilder();
        note.Append(CultureInfo.InvariantCulture, $"DialNexa call {call.CallId}");
        if (call.StartedAt is { } started)
        {
            note.Append(CultureInfo.InvariantCulture, $" ({started.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");
        }

        note.Append(CultureInfo.InvariantCulture, $": {Approvals.ApprovalText.Workflow(facts.Workflow)}");
        if (facts.Text(FactNames.InvoiceNumber) is { } invoice)
        {
            note.Append(CultureInfo.InvariantCulture, $", invoice {invoice}");
        }

        if (facts.Amount is { } amount)
        {
            note.Append(CultureInfo.InvariantCulture, $", {Approvals.ApprovalText.Money(amount, facts.Currency)}");
        }

        foreach (var (label, name) in new[] { ("reason", FactNames.DisputeReason), ("reason", FactNames.RefundReason), ("next step", FactNames.PromisedNextStep), ("follow up by", FactNames.FollowUpDeadline) })
        {
            if (facts.Text(name) is { } value)
            {
                note.Append(CultureInfo.InvariantCulture, $"; {label}: {value}");
            }
        }

        note.Append(CultureInfo.InvariantCulture, $". Status: {links.StatusUrl} Transcript: {links.TranscriptUrl}");
        if (links.RecordingLink is { } recording)
        {
            note.Append(CultureInfo.InvariantCulture, $" Recording: {recording}");
        }

        var text = note.ToString();
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }
}
