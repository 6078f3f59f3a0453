namespace DialNexa.Functions.Providers;

/// <summary>Every provider action the handoff can plan: two per finance platform. Slack messages are not provider actions: they go through the Slack channel of <c>Notifications</c>.</summary>
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
}
