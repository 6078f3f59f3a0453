using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The phrases billing callers and agents use for each workflow, in US, UK and Nigerian English ("got hit twice",
/// "I was debited twice", "I'd like to query a charge", "we're in arrears", "how much am I owing", "kindly resend", "the
/// payment keeps getting refused"), and the post-call analysis intents DialNexa agents are configured with.
/// </summary>
internal static class WorkflowCues
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static IReadOnlyList<WorkflowCue> All { get; } =
    [
        .. Cue(HandoffWorkflow.Dispute, 2.0, false,
            @"(charged|billed|debited|hit|taken|took|deducted|removed|withdrew|withdrawn)\b.{0,40}\b(twice|two times|double)",
            @"double[- ](charged|billed|debit\w*|charge|payment)",
            @"duplicate (charge|payment|debit|transaction)",
            @"(two|2) (identical|duplicate|same) (charges|payments|debits)|identical charges|same (charge|amount|payment) twice",
            @"(amount|price|charge|bill|invoice) (is|was|looks) wrong|(were|was) quoted\b.{0,40}\bcharged",
            @"(didn't|did not|never|don't|do not|none of us|nobody here|no one here)\b.{0,15}\b(authori[sz]\w*|recogni[sz]\w*|order\w*|sign\w* up for|agree\w* to|switched (that|it) on)",
            @"unauthori[sz]ed (charge|payment|debit|transaction)",
            @"overcharg\w*",
            @"(extra|additional) seats|we only have \w+ (people|users|seats)|seats we (removed|don't have|do not have|cancelled)",
            @"cancel\w*\b.{0,80}\b(still|again)\s+(charged|billed|debited)",
            @"(charged|billed|debited)\b.{0,30}\b(already paid|paid (it |this |that )?already)",
            @"(debited|charged) again",
            @"wrong amount|charged (us |me )?(the )?wrong|charged more than",
            @"(charged|billed|invoiced) (us |me )?for\b.{0,40}\b(but|when|although|even though)\b.{0,30}\b(only|we (have|had|use|cut|removed|cancelled|downgraded)|i (cancelled|removed|downgraded)|never)",
            @"(charged|billed|debited)\b.{0,60}\b((after|although|even though) )?(we|i) (had |already )?cancel\w*"),
        .. Cue(HandoffWorkflow.Dispute, 1.0, false, @"rather have a credit|credit (note|instead)|credit (it|that) (against|to)"),
        .. Cue(HandoffWorkflow.Dispute, 1.8, true,
            @"disput\w*|chargeback|charge back|query (a|this|the) (charge|payment|debit)|contest (the|this|a) charge|(that|this|the) charge (disputed|reversed|removed)"),
        .. Cue(HandoffWorkflow.RefundRequest, 1.8, true,
            @"refund\w*|money back|reimburs\w*|pay (me|us) back|reverse the (payment|debit|transaction)|return (my|our) money"),
        .. Cue(HandoffWorkflow.RefundRequest, 0.8, false,
            @"by mistake|by accident|accidentally|forgot to cancel|haven't used (it|them)|did not go through|didn't go through|bought the wrong|wrong licen[cs]e|closing the business|overpaid|the excess"),
        .. Cue(HandoffWorkflow.InvoiceResend, 2.0, true,
            @"re-?send|re-?issue|send (me |us )?(the |our |my )?(invoice|it|them) again|send (me |us )?a (new |fresh )?copy|(copy|pdf) of (the |our |my )?invoice",
            @"(never|didn't|did not|haven't|have not)\s+(got|get|receive\w*|arrive\w*|come through)\b.{0,25}\binvoice|invoice\b.{0,25}\b(never (arrived|came)|went to the wrong|didn't arrive|did not arrive|is still going|are still going)",
            @"(cannot|can't|couldn't) find (it|the invoice|our invoice|my invoice)|pop it over|link in the email expired|(emails?|invoices?) (with|to) [^.]{0,40}(are|is) bouncing",
            @"(a |the )?(new |fresh )?link (to|for) (the |our |my )?invoice"),
        .. Cue(HandoffWorkflow.InvoiceResend, 0.8, false, @"never received the invoice|invoice never|the invoice (for|from) (last|this) month"),
        .. Cue(HandoffWorkflow.RenewalFailure, 2.0, false,
            @"renewal\b.{0,40}\b(failed|didn't go through|did not go through|was declined|declined|couldn't be processed|could not be processed|bounced|has failed|keeps failing|refused)",
            @"(failed|declined|bounced|unsuccessful) (renewal|auto-?renew\w*)",
            @"(didn't|did not|wasn't|was not|couldn't|could not|failed to) (renew|be renewed)|(was|wasn't|not) renewed",
            @"auto-?(renew\w*|debit|pay)\b.{0,30}\b(failed|bounced|declined)",
            @"subscription\b.{0,30}\b(lapsed|lapse|expired|suspended|cancelled because|failed)|(plan|subscription|account) (is |was )?suspended"),
        .. Cue(HandoffWorkflow.RenewalFailure, 1.0, false, @"\brenew(al|ed|s)?\b|\bauto-?renew\w*"),
        .. Cue(HandoffWorkflow.VipPaymentBlocker, 2.0, false,
            @"(can't|cannot|unable to|couldn't|won't let (me|us)) pay\b",
            @"trying to (pay|settle)",
            @"(payment|transfer|wire|card payment|pay button|portal|system)\b.{0,30}\b(keeps? (getting )?(refused|declined|rejected|failing|bouncing|blocked|rejecting)|won't go through|isn't going through|keeps failing|rejecting|errors? out|says error|(throw\w*|giving|gives|showing|shows) (us |me )?an error|blocked)",
            @"blocked (our|my|the) payment|transaction not permitted|account (is )?on hold"),
        .. Cue(HandoffWorkflow.VipPaymentBlocker, 1.5, false,
            @"\bvip\b|key account|top-tier|top tier|platinum (merchant|customer|client|account)s?|enterprise (customer|client|account)|(largest|biggest|key|top) (customers|accounts|clients)|one of your (largest|biggest|key|top|platinum)|someone senior"),
        .. Cue(HandoffWorkflow.TaxOrBillingAddressCorrection, 2.0, false,
            @"billing address|(vat|tax) (number|id|details|registration|region|certificate|exempt\w*)|\btin\b|sales tax|tax[- ]exempt|exemption certificate",
            @"registered for vat|vat registered|registered in \p{Lu}|charging us \w* ?vat|(nigerian|uk|british|irish|swedish|german|french|eu) vat",
            @"(moved|relocated)\b.{0,40}\b(to|from)\b|(wrong|old) address|address (on|is wrong)|new address",
            @"(company|business|legal|registered|trading) name on (the |our |your )?invoices?|(change|update|correct) (the |our )?(company|business|legal|trading) name|rebrand\w*"),
        .. Cue(HandoffWorkflow.TaxOrBillingAddressCorrection, 0.6, false, @"\bvat\b|\btax\b|\baddress\b"),
        .. Cue(HandoffWorkflow.PaymentMethodChange, 2.0, false,
            @"(change|update|switch|replace)\b.{0,25}\b(card|payment method|payment details|bank details|bank account|direct deposit|salary account)",
            @"switch (\w+ )?to (direct debit|bank transfer|ach|card|bacs|paying by)|(stop|stopped) paying by card|pay by (invoice|bank transfer|bacs|check|cheque|direct debit)",
            @"direct deposit|(changed|switched) banks|salary to go into|new bank account|from card to"),
        .. Cue(HandoffWorkflow.PaymentMethodChange, 1.0, false, @"new (company )?card|card (has )?expire[sd]|expires this month|different card"),
        .. Cue(HandoffWorkflow.Collections, 2.0, false,
            @"past due|overdue|in arrears|(outstanding|unpaid) (balance|amount|invoices?)|(months?|weeks?|days?) (behind|late)|behind on|final (notice|reminder|demand)|(showing as|still|is|are) unpaid",
            @"payment arrangement|arrangement to pay|(my|our) outstanding\b|payment plan|instal?lments?|(how much) (am i|are we|do i|do we) ow(e|ing)|\bowing\b|promise to pay|clear (it|the balance|the debt)|settle (the|my|our) (balance|account|outstanding|debt)|pay (it )?off|pay (part|half) (of it )?now"),
        .. Cue(HandoffWorkflow.ReceiptToVerifiedEmail, 2.0, true, @"receipt|proof of payment|payment confirmation|confirmation of payment"),
    ];

    /// <summary>Post-call analysis intents (normalised to lower case with underscores) and the workflow each names.</summary>
    public static HandoffWorkflow? FromIntent(string intent)
    {
        var key = intent.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return key switch
        {
            _ when key.Contains("vip", StringComparison.Ordinal) || key.Contains("blocker", StringComparison.Ordinal) || key.Contains("blocked", StringComparison.Ordinal) => HandoffWorkflow.VipPaymentBlocker,
            _ when key.Contains("dispute", StringComparison.Ordinal) || key.Contains("chargeback", StringComparison.Ordinal) || key.Contains("duplicate", StringComparison.Ordinal) || key.Contains("unauthori", StringComparison.Ordinal) || key.Contains("fraud", StringComparison.Ordinal) => HandoffWorkflow.Dispute,
            _ when key.Contains("refund", StringComparison.Ordinal) => HandoffWorkflow.RefundRequest,
            _ when key.Contains("renew", StringComparison.Ordinal) => HandoffWorkflow.RenewalFailure,
            _ when key.Contains("receipt", StringComparison.Ordinal) => HandoffWorkflow.ReceiptToVerifiedEmail,
            _ when key.Contains("payment_method", StringComparison.Ordinal) || key.Contains("card_update", StringComparison.Ordinal) || key.Contains("update_card", StringComparison.Ordinal) || key.Contains("bank_change", StringComparison.Ordinal) || key.Contains("direct_deposit", StringComparison.Ordinal) => HandoffWorkflow.PaymentMethodChange,
            _ when key.Contains("tax", StringComparison.Ordinal) || key.Contains("vat", StringComparison.Ordinal) || key.Contains("address", StringComparison.Ordinal) => HandoffWorkflow.TaxOrBillingAddressCorrection,
            _ when key.Contains("collection", StringComparison.Ordinal) || key.Contains("overdue", StringComparison.Ordinal) || key.Contains("past_due", StringComparison.Ordinal) || key.Contains("arrears", StringComparison.Ordinal) || key.Contains("payment_plan", StringComparison.Ordinal) || key.Contains("debt", StringComparison.Ordinal) => HandoffWorkflow.Collections,
            _ when key.Contains("invoice", StringComparison.Ordinal) && (key.Contains("resend", StringComparison.Ordinal) || key.Contains("copy", StringComparison.Ordinal) || key.Contains("missing", StringComparison.Ordinal) || key.Contains("request", StringComparison.Ordinal) || key.Contains("send", StringComparison.Ordinal)) => HandoffWorkflow.InvoiceResend,
            _ when key.Contains("resend", StringComparison.Ordinal) => HandoffWorkflow.InvoiceResend,
            _ => null,
        };
    }

    private static IEnumerable<WorkflowCue> Cue(HandoffWorkflow workflow, double weight, bool negatable, params string[] patterns) =>
        patterns.Select(p => new WorkflowCue(workflow, weight, new Regex(@"\b(" + p + @")", Linear), negatable));
}
