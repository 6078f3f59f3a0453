namespace DialNexa.Functions.Providers;

/// <summary>Every provider action the handoff can plan: two per finance platform, plus Slack messages.</summary>
public enum ProviderActionKind
{
    GustoCreateCompanyBankAccount,
    GustoUpdateContractorPaymentMethod,
    PaystackCreateCustomer,
    PaystackSendPaymentRequestNotification,
    PlisioCreateInvoice,
    PlisioFindInvoiceByEmail,
    ProabonoCreateCustomer,
    ProabonoUpdatePaymentSettings,
    AltovizFindContactByEmail,
    AltovizCreateContact,
    SlackAlert,
    SlackApprovalRequest,
}
