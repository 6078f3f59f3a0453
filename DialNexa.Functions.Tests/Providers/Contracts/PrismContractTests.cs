using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Proabono;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Every Paystack, Gusto, Altoviz and Proabono action (and lookup), driven in Live mode against Prism validating the
/// official spec (Proabono's rebuilt from its per-operation reference): every path each action can take is reached (Prism steered to a declared 404, or its example answer replaced
/// by an empty search after validation), and any request Prism reports as violating the spec fails with its text.
/// </summary>
[Collection(PrismCollection.Name)]
public sealed class PrismContractTests(PrismFixture prism)
{
    private const string PaystackKey = "sk_test_contract0123456789";

    /// <summary>Paystack's list example answers one payment request with invoice_number 0; "0" makes it this call's invoice.</summary>
    private const string InvoiceInPrismsExample = "0";

    public static TheoryData<string> Scenarios => [.. All.Keys];

    private static Dictionary<string, Scenario> All { get; } = new(StringComparer.Ordinal)
    {
        ["Paystack create customer, none with the email"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackCreateCustomer), ProviderActionOutcome.Written,
            ["GET /customer/dana%40example.com", "POST /customer"], Prefer: r => r.Method == HttpMethod.Get && Path(r).StartsWith("/customer/", StringComparison.Ordinal) ? "code=404" : null),
        ["Paystack create customer, email known"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackCreateCustomer), ProviderActionOutcome.AlreadyDone,
            ["GET /customer/dana%40example.com"]),
        ["Paystack notify, no payment request for the invoice"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackSendPaymentRequestNotification), ProviderActionOutcome.Written,
            ["GET /customer/", "GET /paymentrequest?", "POST /paymentrequest"]),
        ["Paystack notify, payment request exists for the invoice"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackSendPaymentRequestNotification) with { InvoiceNumber = InvoiceInPrismsExample }, ProviderActionOutcome.Written,
            ["GET /customer/", "GET /paymentrequest?", "POST /paymentrequest/notify/"]),
        ["Paystack notify (invoice resend), no amount given"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackSendPaymentRequestNotification) with { InvoiceNumber = InvoiceInPrismsExample, Amount = null, Currency = null }, ProviderActionOutcome.Written,
            ["GET /customer/", "GET /paymentrequest?", "POST /paymentrequest/notify/0"]),
        ["Paystack notify, customer unknown"] = new(ProviderName.Paystack, Action(ProviderActionKind.PaystackSendPaymentRequestNotification), ProviderActionOutcome.NotFound,
            ["GET /customer/"], Prefer: r => r.Method == HttpMethod.Get && Path(r).StartsWith("/customer/", StringComparison.Ordinal) ? "code=404" : null),
        ["Paystack lookup by email"] = new(ProviderName.Paystack, null, null, ["GET /customer/dana%40example.com"]),
        ["Gusto update contractor payment method"] = new(ProviderName.Gusto, Action(ProviderActionKind.GustoUpdateContractorPaymentMethod) with { PaymentMethodType = "Check" }, ProviderActionOutcome.Written,
            ["GET /v1/contractors/ctr-1/payment_method", "PUT /v1/contractors/ctr-1/payment_method"]),
        ["Gusto update contractor payment method, already the target"] = new(ProviderName.Gusto, Action(ProviderActionKind.GustoUpdateContractorPaymentMethod) with { PaymentMethodType = "Direct Deposit" }, ProviderActionOutcome.AlreadyDone,
            ["GET /v1/contractors/ctr-1/payment_method"]),
        ["Gusto create company bank account (reads existing accounts)"] = new(ProviderName.Gusto, Action(ProviderActionKind.GustoCreateCompanyBankAccount), ProviderActionOutcome.Invalid,
            ["GET /v1/companies/co-1/bank_accounts"]),
        ["Gusto lookup of contractors"] = new(ProviderName.Gusto, null, null, ["GET /v1/companies/co-1/contractors?"]),
        ["Altoviz find contact by email"] = new(ProviderName.Altoviz, Action(ProviderActionKind.AltovizFindContactByEmail), ProviderActionOutcome.Found,
            ["GET /v1/Contacts/Find?email=dana%40example.com"]),
        ["Altoviz create contact, none matches"] = new(ProviderName.Altoviz, Action(ProviderActionKind.AltovizCreateContact), ProviderActionOutcome.Written,
            ["GET /v1/Contacts/Find?", "POST /v1/Contacts"], ReplaceBody: r => r.Method == HttpMethod.Get && Path(r) == "/v1/Contacts/Find" ? "[]" : null),
        ["Altoviz create contact, one matches"] = new(ProviderName.Altoviz, Action(ProviderActionKind.AltovizCreateContact), ProviderActionOutcome.AlreadyDone,
            ["GET /v1/Contacts/Find?"]),
        ["Altoviz lookup by email"] = new(ProviderName.Altoviz, null, null, ["GET /v1/Contacts/Find?"]),
        ["Proabono create customer, reference new"] = new(ProviderName.Proabono, Action(ProviderActionKind.ProabonoCreateCustomer), ProviderActionOutcome.Written,
            ["POST /v1/Customer"], Prefer: r => r.Method == HttpMethod.Post ? "code=201" : null),
        ["Proabono create customer, reference known"] = new(ProviderName.Proabono, Action(ProviderActionKind.ProabonoCreateCustomer), ProviderActionOutcome.AlreadyDone,
            ["POST /v1/Customer"]),
        ["Proabono update payment settings"] = new(ProviderName.Proabono, Action(ProviderActionKind.ProabonoUpdatePaymentSettings) with { PaymentMethodType = "ExternalCheck" }, ProviderActionOutcome.Written,
            ["GET /v1/CustomerSettingsPayment?ReferenceCustomer=", "POST /v1/CustomerSettingsPayment?ReferenceCustomer="]),
        ["Proabono lookup by reference"] = new(ProviderName.Proabono, null, null, ["GET /v1/Customer?ReferenceCustomer="]),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task LiveAction_AgainstPrism_SendsOnlyRequestsTheSpecAccepts(string name)
    {
        var scenario = All[name];
        using var probe = new PrismProbe { Prefer = scenario.Prefer ?? (_ => null), ReplaceBody = scenario.ReplaceBody ?? (_ => null) };
        var provider = Client(scenario.Provider, probe);
        string outcome;
        if (scenario.Request is { } request)
        {
            var result = await provider.ExecuteAsync(request, CancellationToken.None);
            outcome = $"{result.Outcome}: {result.Message}";
            Assert.True(result.Outcome == scenario.Expected, $"Expected {scenario.Expected}, got {outcome}\n{probe.Report()}");
        }
        else
        {
            var lookup = await provider.FindCustomerAsync(new CustomerLookup("dana@example.com", "+14155550142", "Dana Whitfield", null), CancellationToken.None);
            outcome = $"{lookup.Status}: {lookup.Message}";
            Assert.True(lookup.Status is CustomerLookupStatus.Found or CustomerLookupStatus.NotFound, $"Lookup ended {outcome}\n{probe.Report()}");
        }

        Assert.True(probe.Violating.Count == 0, $"Prism reports spec violations ({outcome}):\n{string.Join("\n", probe.Violating)}");
        foreach (var call in scenario.Calls)
        {
            var (method, path) = (call[..call.IndexOf(' ', StringComparison.Ordinal)], call[(call.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            Assert.True(
                probe.Exchanges.Any(e => e.Method == method && e.PathAndQuery.StartsWith(path, StringComparison.Ordinal) && e.Status < 500),
                $"Expected {call} to reach Prism; exchanges:\n{probe.Report()}");
        }
    }

    [Fact]
    public void Scenarios_CoverEveryActionOfThePrismCheckedProviders()
    {
        foreach (var (name, provider) in new (ProviderName, FinanceProvider)[]
        {
            (ProviderName.Paystack, Client(ProviderName.Paystack, null)),
            (ProviderName.Gusto, Client(ProviderName.Gusto, null)),
            (ProviderName.Altoviz, Client(ProviderName.Altoviz, null)),
            (ProviderName.Proabono, Client(ProviderName.Proabono, null)),
        })
        {
            foreach (var kind in provider.SupportedActions)
            {
                Assert.Contains(All.Values, s => s.Provider == name && s.Request?.Kind == kind);
            }

            Assert.Contains(All.Values, s => s.Provider == name && s.Request is null);
        }
    }

    [Fact]
    public async Task Probe_RequestsTheSpecRejects_AreReportedWithPrismsMessage()
    {
        using var probe = new PrismProbe();
        using var http = new HttpClient(probe, disposeHandler: false) { BaseAddress = prism.Paystack, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PaystackKey);

        // The client once sent these: the request code where the spec types {id} as an integer, and a date without a time.
        await http.PostAsync(new Uri("/paymentrequest/notify/PRQ_1a2b3c", UriKind.Relative), null);
        await http.PostAsync(new Uri("/paymentrequest", UriKind.Relative), new StringContent("""{"customer":"CUS_1","amount":100,"due_date":"2026-12-15"}""", System.Text.Encoding.UTF8, "application/json"));
        using var unauthenticated = new HttpClient(probe, disposeHandler: false) { BaseAddress = prism.Altoviz, Timeout = TimeSpan.FromSeconds(10) };
        await unauthenticated.GetAsync(new Uri("/v1/Contacts/Find?email=a%40b.example", UriKind.Relative));
        using var readOnlyId = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/Contacts", UriKind.Relative)) { Content = new StringContent("""{"id":3}""", System.Text.Encoding.UTF8, "application/json") };
        readOnlyId.Headers.Add("X-API-KEY", "altoviz-contract-key");
        await unauthenticated.SendAsync(readOnlyId);

        var report = string.Join("\n", probe.Violating);
        Assert.Equal(4, probe.Violating.Count);
        Assert.Contains("Request path parameter id must be integer", report, StringComparison.Ordinal);
        Assert.Contains("due_date must match format \"date-time\"", report, StringComparison.Ordinal);
        Assert.Contains("Prism: Invalid security scheme used", report, StringComparison.Ordinal);
        Assert.Contains("found 'id'", report, StringComparison.Ordinal);
    }

    private static ProviderActionRequest Action(ProviderActionKind kind) =>
        ProviderTestKit.Request(kind) with { ProviderCustomerId = kind == ProviderActionKind.GustoUpdateContractorPaymentMethod ? "ctr-1" : null, DueDate = new DateOnly(2026, 12, 15) };

    private static string Path(HttpRequestMessage request) => request.RequestUri!.AbsolutePath;

    private FinanceProvider Client(ProviderName name, PrismProbe? probe)
    {
        var factory = probe is null ? null : new ProbeHttpClientFactory(probe);
        T Live<T>(Uri? url, Action<T> credentials)
            where T : ProviderOptions, new()
        {
            var options = new T { Mode = ProviderMode.Live, BaseUrl = url?.ToString().TrimEnd('/'), TimeoutSeconds = 10, MaxRetries = 0 };
            credentials(options);
            return options;
        }

        return name switch
        {
            ProviderName.Paystack => ProviderTestKit.Create<PaystackProvider>(name, Live<PaystackOptions>(probe is null ? null : prism.Paystack, o => o.SecretKey = PaystackKey), http: factory),
            ProviderName.Gusto => ProviderTestKit.Create<GustoProvider>(name, Live<GustoOptions>(probe is null ? null : prism.Gusto, o => { o.AccessToken = "gusto-contract-token"; o.CompanyId = "co-1"; }), http: factory),
            ProviderName.Proabono => ProviderTestKit.Create<ProabonoProvider>(name, Live<ProabonoOptions>(probe is null ? new Uri("https://api-1.proabono.com") : prism.Proabono, o => { o.AgentKey = "proabono-contract-agent"; o.ApiKey = "proabono-contract-key"; }), http: factory),
            _ => ProviderTestKit.Create<AltovizProvider>(name, Live<AltovizOptions>(probe is null ? null : prism.Altoviz, o => o.ApiKey = "altoviz-contract-key"), http: factory),
        };
    }

    private sealed record Scenario(
        ProviderName Provider,
        ProviderActionRequest? Request,
        ProviderActionOutcome? Expected,
        IReadOnlyList<string> Calls,
        Func<HttpRequestMessage, string?>? Prefer = null,
        Func<HttpRequestMessage, string?>? ReplaceBody = null);
}
