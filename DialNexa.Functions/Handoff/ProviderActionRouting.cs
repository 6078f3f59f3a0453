using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>Which provider carries out each action.</summary>
public static class ProviderActionRouting
{
    public static ProviderName ProviderOf(ProviderActionKind kind) => kind switch
    {
        ProviderActionKind.GustoCreateCompanyBankAccount or ProviderActionKind.GustoUpdateContractorPaymentMethod => ProviderName.Gusto,
        ProviderActionKind.PaystackCreateCustomer or ProviderActionKind.PaystackSendPaymentRequestNotification => ProviderName.Paystack,
        ProviderActionKind.PlisioCreateInvoice or ProviderActionKind.PlisioFindInvoiceByEmail => ProviderName.Plisio,
        ProviderActionKind.ProabonoCreateCustomer or ProviderActionKind.ProabonoUpdatePaymentSettings => ProviderName.Proabono,
        ProviderActionKind.AltovizFindContactByEmail or ProviderActionKind.AltovizCreateContact => ProviderName.Altoviz,
        _ => ProviderName.Slack,
    };
}
