using System.Globalization;
using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// How the approval page, Slack and mail say things to finance: money with thousands separators and its currency,
/// percentages, dates with the weekday, times in the approver's zone beside UTC, workflows in words, and contact
/// details masked wherever they appear in a text.
/// </summary>
internal static partial class ApprovalText
{
    public static string Money(decimal amount, string? currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:N2} {currency}").TrimEnd();

    public static string Percent(double confidence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(confidence * 100):0}%");

    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Thu 5 Mar 2026, 11:02 New York time (16:02 UTC)", or in UTC alone when the zone is UTC or unknown.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo? zone)
    {
        var utc = at.UtcDateTime;
        if (zone is null || zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime)
        {
            return utc.ToString("ddd d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var sameDay = local.Date == utc.Date;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{local:ddd d MMM yyyy, HH:mm} {ZoneName(zone)} ({utc.ToString(sameDay ? "HH:mm" : "ddd d MMM HH:mm", CultureInfo.InvariantCulture)} UTC)");
    }

    /// <summary>"New York time" for America/New_York; the zone's ID for zones without a city.</summary>
    public static string ZoneName(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var slash = zone.Id.LastIndexOf('/');
        return slash < 0 ? zone.Id : zone.Id[(slash + 1)..].Replace('_', ' ') + " time";
    }

    /// <summary>An IANA (or Windows) zone by ID; null when unknown.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static string Workflow(HandoffWorkflow? workflow) => workflow switch
    {
        HandoffWorkflow.Dispute => "dispute of a charge",
        HandoffWorkflow.InvoiceResend => "invoice to send again",
        HandoffWorkflow.RenewalFailure => "failed renewal",
        HandoffWorkflow.RefundRequest => "refund request",
        HandoffWorkflow.TaxOrBillingAddressCorrection => "tax or billing address correction",
        HandoffWorkflow.VipPaymentBlocker => "high-value customer unable to pay",
        HandoffWorkflow.Collections => "overdue payment",
        HandoffWorkflow.ReceiptToVerifiedEmail => "receipt to a verified email",
        HandoffWorkflow.PaymentMethodChange => "payment method change",
        _ => "no recognised finance request",
    };

    /// <summary>What the agent promised: their words, the date, and whether the caller asked to be called back.</summary>
    public static string Promise(string? words, DateOnly? by, bool callback)
    {
        var parts = new List<string>();
        if (words is not null)
        {
            parts.Add($"\u201c{words}\u201d");
        }

        if (by is { } date)
        {
            parts.Add("by " + Date(date));
        }

        if (callback)
        {
            parts.Add("the caller asked to be called back");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The text with every email address masked (<c>d***@example.com</c>).</summary>
    public static string MaskEmails(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmailPattern().Replace(text, m => ApprovalMasking.Email(m.Value));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
