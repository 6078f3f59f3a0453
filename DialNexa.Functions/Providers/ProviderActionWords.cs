namespace DialNexa.Functions.Providers;

/// <summary>Each provider action as finance names it, for pages, reasons and messages (never the enum name).</summary>
public static class ProviderActionWords
{
    public static string Of(ProviderActionKind kind) => kind switch
    {
        ProviderActionKind.GustoCreateCompanyBankAccount => "Add a company bank account in Gusto (it becomes the default funding account)",
        ProviderActionKind.GustoUpdateContractorPaymentMethod => "Change a contractor's payment method in Gusto",
        ProviderActionKind.PaystackCreateCustomer => "Create a customer in Paystack",
        ProviderActionKind.PaystackSendPaymentRequestNotification => "Send the customer a Paystack payment request email",
        ProviderActionKind.PlisioCreateInvoice => "Create a Plisio invoice",
        ProviderActionKind.PlisioFindInvoiceByEmail => "Look up the caller's Plisio invoice (read only)",
        ProviderActionKind.ProabonoCreateCustomer => "Create or update a customer in Proabono",
        ProviderActionKind.ProabonoUpdatePaymentSettings => "Change a customer's payment type in Proabono",
        ProviderActionKind.AltovizFindContactByEmail => "Look up the caller's Altoviz contact (read only)",
        _ => "Create a contact in Altoviz",
    };

    /// <summary>The operation as a noun phrase inside a sentence ("creating a customer in Paystack").</summary>
    public static string Gerund(ProviderActionKind kind) => kind switch
    {
        ProviderActionKind.GustoCreateCompanyBankAccount => "adding a company bank account in Gusto",
        ProviderActionKind.GustoUpdateContractorPaymentMethod => "changing a contractor's payment method in Gusto",
        ProviderActionKind.PaystackCreateCustomer => "creating a customer in Paystack",
        ProviderActionKind.PaystackSendPaymentRequestNotification => "sending a Paystack payment request email",
        ProviderActionKind.PlisioCreateInvoice => "creating a Plisio invoice",
        ProviderActionKind.PlisioFindInvoiceByEmail => "looking up a Plisio invoice",
        ProviderActionKind.ProabonoCreateCustomer => "creating or updating a customer in Proabono",
        ProviderActionKind.ProabonoUpdatePaymentSettings => "changing a customer's payment type in Proabono",
        ProviderActionKind.AltovizFindContactByEmail => "looking up an Altoviz contact",
        _ => "creating a contact in Altoviz",
    };
}
