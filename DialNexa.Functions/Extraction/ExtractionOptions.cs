using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>How extraction reads a call (section <c>DialNexa:Extraction</c>).</summary>
public sealed class ExtractionOptions
{
    public const string SectionName = "DialNexa:Extraction";

    /// <summary>IANA time zone for "by Friday" and other relative deadlines (default UTC).</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Country code for national phone numbers (default 1, North America).</summary>
    public string DefaultCountryCode { get; init; } = "1";

    /// <summary>
    /// Post-call analysis field name → fact name; extend per agent (<c>DialNexa__Extraction__FieldMap__Outcome=intent</c>).
    /// The fact name <c>intent</c> feeds the workflow.
    /// </summary>
    public Dictionary<string, string> FieldMap { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["intent"] = "intent",
        ["customer_name"] = FactNames.CustomerName,
        ["name"] = FactNames.CustomerName,
        ["customer_email"] = FactNames.Email,
        ["email"] = FactNames.Email,
        ["customer_phone"] = FactNames.Phone,
        ["account_number"] = FactNames.AccountNumber,
        ["account_id"] = FactNames.AccountNumber,
        ["invoice_number"] = FactNames.InvoiceNumber,
        ["invoice_id"] = FactNames.InvoiceNumber,
        ["payment_id"] = FactNames.PaymentId,
        ["subscription_id"] = FactNames.SubscriptionId,
        ["amount"] = FactNames.Amount,
        ["currency"] = FactNames.Currency,
        ["due_date"] = FactNames.DueDate,
        ["payment_status"] = FactNames.PaymentStatus,
        ["refund_reason"] = FactNames.RefundReason,
        ["dispute_reason"] = FactNames.DisputeReason,
        ["credit_request"] = FactNames.CreditRequest,
        ["tax_region"] = FactNames.TaxRegion,
        ["callback_requested"] = FactNames.CallbackRequested,
        ["next_step"] = FactNames.PromisedNextStep,
        ["follow_up_deadline"] = FactNames.FollowUpDeadline,
        ["escalation_reason"] = FactNames.EscalationReason,
        ["company"] = FactNames.Company,
        ["company_name"] = FactNames.Company,
        ["business_name"] = FactNames.Company,
        ["customer_company"] = FactNames.Company,
        ["plan"] = FactNames.Plan,
        ["plan_name"] = FactNames.Plan,
        ["subscription_plan"] = FactNames.Plan,
        ["approval_threshold"] = FactNames.ApprovalThreshold,
        ["approval_limit"] = FactNames.ApprovalThreshold,
        ["owner"] = FactNames.Owner,
        ["account_owner"] = FactNames.Owner,
        ["billing_owner"] = FactNames.Owner,
        ["billing_address"] = FactNames.BillingAddress,
        ["address"] = FactNames.BillingAddress,
    };
}
