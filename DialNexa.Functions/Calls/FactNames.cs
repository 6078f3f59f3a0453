namespace DialNexa.Functions.Calls;

/// <summary>The names of the finance facts a call can carry.</summary>
public static class FactNames
{
    public const string CustomerName = "customerName";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string AccountNumber = "accountNumber";
    public const string InvoiceNumber = "invoiceNumber";
    public const string PaymentId = "paymentId";
    public const string SubscriptionId = "subscriptionId";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string DueDate = "dueDate";
    public const string PaymentStatus = "paymentStatus";
    public const string RefundReason = "refundReason";
    public const string DisputeReason = "disputeReason";
    public const string CreditRequest = "creditRequest";
    public const string TaxRegion = "taxRegion";
    public const string CallbackRequested = "callbackRequested";
    public const string PromisedNextStep = "promisedNextStep";
    public const string FollowUpDeadline = "followUpDeadline";
    public const string EscalationReason = "escalationReason";
    public const string Company = "company";
    public const string Plan = "plan";
    public const string ApprovalThreshold = "approvalThreshold";
    public const string Owner = "owner";
    public const string BillingAddress = "billingAddress";

    /// <summary>Why extraction chose the workflow: the phrases it weighed, with who said them (for the plan and approval page).</summary>
    public const string WorkflowEvidence = "workflowEvidence";
}
