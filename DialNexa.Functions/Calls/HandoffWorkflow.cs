namespace DialNexa.Functions.Calls;

/// <summary>What the caller needed, as finance operations names it.</summary>
public enum HandoffWorkflow
{
    Other,
    Dispute,
    InvoiceResend,
    RenewalFailure,
    RefundRequest,
    TaxOrBillingAddressCorrection,
    VipPaymentBlocker,
    Collections,
    ReceiptToVerifiedEmail,
    PaymentMethodChange,
}
