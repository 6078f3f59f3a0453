using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>The workflow of a call: from the post-call analysis intent when it names one, else from the words used.</summary>
internal static class WorkflowClassifier
{
    private static readonly (HandoffWorkflow Workflow, string[] Intents, string[] Phrases)[] Rules =
    [
        (HandoffWorkflow.VipPaymentBlocker, ["vip_payment_blocker", "vip_blocker", "payment_blocker"], ["can't pay", "cannot pay", "unable to pay", "payment is blocked", "blocked from paying"]),
        (HandoffWorkflow.Dispute, ["dispute", "dispute_charge", "chargeback", "duplicate_charge"], ["charged twice", "double charged", "duplicate charge", "dispute", "didn't authorize", "unauthorized charge", "chargeback"]),
        (HandoffWorkflow.RefundRequest, ["refund", "refund_request"], ["refund", "money back"]),
        (HandoffWorkflow.RenewalFailure, ["renewal_failure", "failed_renewal", "renewal_failed"], ["renewal failed", "renewal didn't go through", "subscription failed", "couldn't renew", "renewal was declined", "card was declined"]),
        (HandoffWorkflow.InvoiceResend, ["invoice_resend", "resend_invoice", "invoice_copy"], ["resend the invoice", "send the invoice again", "didn't receive the invoice", "copy of the invoice", "resend invoice", "never got the invoice"]),
        (HandoffWorkflow.ReceiptToVerifiedEmail, ["receipt", "receipt_request", "send_receipt"], ["receipt"]),
        (HandoffWorkflow.TaxOrBillingAddressCorrection, ["tax_correction", "billing_address", "address_change", "vat_update"], ["billing address", "vat number", "tax exempt", "wrong address", "tax id on the invoice", "update my address"]),
        (HandoffWorkflow.PaymentMethodChange, ["payment_method_change", "bank_change", "direct_deposit_change"], ["new bank account", "change my bank", "direct deposit", "update my payment method", "switch to check", "pay me by check"]),
        (HandoffWorkflow.Collections, ["collections", "overdue", "payment_plan", "past_due"], ["overdue", "past due", "payment plan", "behind on payments", "pay in installments"]),
    ];

    public static (HandoffWorkflow Workflow, double Confidence) Classify(string? intent, RedactedCall call, IReadOnlyDictionary<string, CallFact> facts)
    {
        if (intent is { Length: > 0 })
        {
            var normalized = intent.Trim().Replace(' ', '_').Replace('-', '_');
            foreach (var (workflow, intents, _) in Rules)
            {
                if (intents.Contains(normalized, StringComparer.OrdinalIgnoreCase))
                {
                    return (workflow, 0.95);
                }
            }
        }

        var text = string.Join(" ", call.Turns.Where(t => !string.Equals(t.Speaker, "Agent", StringComparison.OrdinalIgnoreCase)).Select(t => t.Text)) + " " + call.Summary;
        foreach (var (workflow, _, phrases) in Rules)
        {
            var hits = phrases.Count(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            if (hits > 0)
            {
                return (workflow, Math.Min(0.9, 0.7 + (0.1 * (hits - 1))));
            }
        }

        _ = facts;
        return (HandoffWorkflow.Other, 0.3);
    }
}
