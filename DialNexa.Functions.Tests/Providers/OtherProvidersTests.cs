using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers;

public sealed class OtherProvidersTests
{
    /// <summary>Proabono answers in PascalCase.</summary>
    private static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    [Fact]
    public async Task Gusto_FindCustomer_ContractorOnThirdPage_ReadsPagesUntilAShortOne()
    {
        await using var api = await LoopbackApi.StartAsync();
        var contractors = Enumerable.Range(1, 250)
            .Select(i => new { uuid = $"ctr-{i}", first_name = "Contractor", last_name = $"No{i}", email = i == 230 ? "dana@example.com" : $"c{i}@example.com" })
            .ToList();
        api.Handler = async (context, _) =>
        {
            var page = int.Parse(context.Request.Query["page"]!, System.Globalization.CultureInfo.InvariantCulture);
            var per = int.Parse(context.Request.Query["per"]!, System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Total-Pages"] = ((contractors.Count + per - 1) / per).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(contractors.Skip((page - 1) * per).Take(per));
        };
        var provider = ProviderTestKit.Create<GustoProvider>(ProviderName.Gusto, new GustoOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, AccessToken = "gusto-token", CompanyId = "co-1" });

        var result = await provider.FindCustomerAsync(new CustomerLookup("Dana@Example.com", null, null, null), CancellationToken.None);

        Assert.Equal(CustomerLookupStatus.Found, result.Status);
        Assert.Equal("ctr-230", Assert.Single(result.Candidates).Id);
        Assert.Equal(3, api.Count("GET", "/v1/companies/co-1/contractors"));
        Assert.Contains(api.Requests, r => r.PathAndQuery.Contains("page=3", StringComparison.Ordinal) && r.PathAndQuery.Contains("per=100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gusto_UpdatePaymentMethod_PutsWithVersion_ReReadsOnConflict_RecordsOldAndNew()
    {
        await using var api = await LoopbackApi.StartAsync();
        var version = 1;
        var type = "Direct Deposit";
        var conflictOnce = true;
        api.Handler = async (context, body) =>
        {
            if (context.Request.Method == "GET")
            {
                await context.Response.WriteAsJsonAsync(new { version = $"v{version}", type, split_by = (string?)null, splits = Array.Empty<object>() });
                return;
            }

            var sent = JsonNode.Parse(body)!;
            if (conflictOnce)
            {
                conflictOnce = false;
                version++;
                context.Response.StatusCode = 409;
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { error_key = "version", category = "invalid_attribute_value", message = "Version is stale" } } });
                return;
            }

            Assert.Equal($"v{version}", sent["version"]!.GetValue<string>());
            type = sent["type"]!.GetValue<string>();
            version++;
            await context.Response.WriteAsJsonAsync(new { version = $"v{version}", type });
        };
        var provider = ProviderTestKit.Create<GustoProvider>(ProviderName.Gusto, new GustoOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, AccessToken = "gusto-token", CompanyId = "co-1" });
        var request = ProviderTestKit.Request(ProviderActionKind.GustoUpdateContractorPaymentMethod) with { ProviderCustomerId = "ctr-1", PaymentMethodType = "Check" };
        var result = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, result.Outcome);
        Assert.Contains("Direct Deposit", result.OldValue, StringComparison.Ordinal);
        Assert.Contains("Check", result.NewValue, StringComparison.Ordinal);
        Assert.Equal(2, api.Count("PUT", "/v1/contractors/ctr-1/payment_method"));
        Assert.All(api.Requests, r => Assert.Equal("2025-06-15", r.Headers["X-Gusto-API-Version"]));
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(2, api.Count("PUT", "/v1/contractors/ctr-1/payment_method"));
    }

    [Fact]
    public async Task Gusto_CreateBankAccount_ReadsExistingAccountsButWritesNothingWithoutFinanceEnteredNumbers()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) => context.Response.WriteAsJsonAsync(new[] { new { uuid = "ba-1", hidden_account_number = "XXXX4087", account_type = "Checking" } });
        var provider = ProviderTestKit.Create<GustoProvider>(ProviderName.Gusto, new GustoOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, AccessToken = "t", CompanyId = "co-1" });
        var result = await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.GustoCreateCompanyBankAccount), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Invalid, result.Outcome);
        Assert.Contains("XXXX4087", result.OldValue, StringComparison.Ordinal);
        Assert.Equal(0, api.Count("POST", "/"));
    }

    [Fact]
    public async Task Plisio_CreateInvoice_OrderNumberDedupes_ApiKeyNeverShown()
    {
        await using var api = await LoopbackApi.StartAsync();
        var orders = new HashSet<string>();
        api.Handler = async (context, _) =>
        {
            var query = context.Request.Query;
            Assert.Equal("plisio-secret", query["api_key"].ToString());
            if (context.Request.Path == "/operations")
            {
                var operations = orders.Contains(query["search"].ToString()) ? new[] { new { id = "op1", status = "new" } } : [];
                await context.Response.WriteAsJsonAsync(new { status = "success", data = new { operations } });
                return;
            }

            orders.Add(query["order_number"].ToString());
            await context.Response.WriteAsJsonAsync(new { status = "success", data = new { txn_id = "txn1", invoice_url = "https://plisio.net/invoice/txn1" } });
        };
        var provider = ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, new PlisioOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, ApiKey = "plisio-secret" });
        var request = ProviderTestKit.Request(ProviderActionKind.PlisioCreateInvoice);
        var first = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, first.Outcome);
        Assert.Equal("https://plisio.net/invoice/txn1", first.RecordUrl);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("GET", "/invoices/new"));
        Assert.Contains("api_key=***", first.Request!.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("plisio-secret", JsonSerializer.Serialize(first), StringComparison.Ordinal);
        var sent = api.Requests.Single(r => r.PathAndQuery.StartsWith("/invoices/new", StringComparison.Ordinal)).PathAndQuery;
        foreach (var field in new[] { "order_name=", "order_number=dnx-", "source_currency=USD", "source_amount=249.00", "email=" })
        {
            Assert.Contains(field, sent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plisio_ErrorEnvelope_IsInvalidWithPlisiosMessage()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) => context.Response.WriteAsJsonAsync(new { status = "error", data = new { name = "Bad Request", message = "Invalid source_currency", code = 104 } });
        var provider = ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, new PlisioOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, ApiKey = "k" });
        var result = await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PlisioCreateInvoice), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Invalid, result.Outcome);
        Assert.Equal("Invalid source_currency", result.Message);
    }

    [Fact]
    public async Task Proabono_Upsert_CreatedThenAlreadyDone_PaymentSettings_ManualTypesOnly()
    {
        await using var api = await LoopbackApi.StartAsync();
        var known = false;
        var typePayment = "Card";
        api.Handler = async (context, body) =>
        {
            Assert.StartsWith("Basic ", context.Request.Headers.Authorization.ToString(), StringComparison.Ordinal);
            if (context.Request.Path == "/v1/Customer")
            {
                var sent = JsonNode.Parse(body)!;
                Assert.NotNull(sent["ReferenceCustomer"]);
                context.Response.StatusCode = known ? 200 : 201;
                known = true;
                await context.Response.WriteAsJsonAsync(new { Id = 1, ReferenceCustomer = sent["ReferenceCustomer"]!.GetValue<string>(), Email = sent["Email"]?.GetValue<string>() }, PascalCase);
                return;
            }

            if (context.Request.Method == "POST")
            {
                typePayment = JsonNode.Parse(body)!["TypePayment"]!.GetValue<string>();
            }

            await context.Response.WriteAsJsonAsync(new { TypePayment = typePayment, ModeBilling = "Auto", IsGreyListed = false }, PascalCase);
        };
        var provider = ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, new ProabonoOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, AgentKey = "agent", ApiKey = "key" });
        var customer = ProviderTestKit.Request(ProviderActionKind.ProabonoCreateCustomer);
        Assert.Equal(ProviderActionOutcome.Written, (await provider.ExecuteAsync(customer, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(customer, CancellationToken.None)).Outcome);
        var card = ProviderTestKit.Request(ProviderActionKind.ProabonoUpdatePaymentSettings) with { PaymentMethodType = "Card" };
        var refused = await provider.ExecuteAsync(card, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Invalid, refused.Outcome);
        Assert.Contains("ExternalBank", refused.Message, StringComparison.Ordinal);
        var bank = ProviderTestKit.Request(ProviderActionKind.ProabonoUpdatePaymentSettings) with { PaymentMethodType = "ExternalBank" };
        var changed = await provider.ExecuteAsync(bank, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, changed.Outcome);
        Assert.Contains("Card", changed.OldValue, StringComparison.Ordinal);
        Assert.Contains("ExternalBank", changed.NewValue, StringComparison.Ordinal);
        var rerun = await provider.ExecuteAsync(bank, CancellationToken.None);
        Assert.True(rerun.Outcome == ProviderActionOutcome.AlreadyDone, $"{rerun.Outcome}: {rerun.Message} {rerun.OldValue}");
        Assert.DoesNotContain("agent", JsonSerializer.Serialize(changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altoviz_CreateContact_OnlyWhenNoneMatches()
    {
        await using var api = await LoopbackApi.StartAsync();
        var contacts = new JsonArray();
        api.Handler = async (context, body) =>
        {
            Assert.Equal("alto-key", context.Request.Headers["X-API-KEY"].ToString());
            if (context.Request.Method == "GET")
            {
                await context.Response.WriteAsync(contacts.ToJsonString());
                return;
            }

            var contact = JsonNode.Parse(body)!.AsObject();
            contact["id"] = 42;
            contacts.Add(contact.DeepClone());
            await context.Response.WriteAsync(contact.ToJsonString());
        };
        var provider = ProviderTestKit.Create<AltovizProvider>(ProviderName.Altoviz, new AltovizOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, ApiKey = "alto-key" });
        Assert.Equal(ProviderActionOutcome.NotFound, (await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.AltovizFindContactByEmail), CancellationToken.None)).Outcome);
        var created = await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.AltovizCreateContact), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, created.Outcome);
        Assert.Equal("42", created.RecordId);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.AltovizCreateContact), CancellationToken.None)).Outcome);
        Assert.Equal(ProviderActionOutcome.Found, (await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.AltovizFindContactByEmail), CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/v1/Contacts"));
    }

    [Fact]
    public async Task DryRun_EveryAction_RendersItsRequestMaskedAndSendsNothing()
    {
        await using var api = await LoopbackApi.StartAsync();
        ProviderOptions Settings(ProviderName name) => ProviderTestKit.Settings(
            name, o => { o.Mode = ProviderMode.DryRun; o.BaseUrl = api.BaseUrl; }, secretKey: "sk_live_real", apiKey: "real-api-key", agentKey: "real-agent", accessToken: "real-token", companyId: "co-1");
        FinanceProvider[] providers =
        [
            ProviderTestKit.Create<GustoProvider>(ProviderName.Gusto, Settings(ProviderName.Gusto)),
            ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, Settings(ProviderName.Paystack)),
            ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, Settings(ProviderName.Plisio)),
            ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, Settings(ProviderName.Proabono)),
            ProviderTestKit.Create<AltovizProvider>(ProviderName.Altoviz, Settings(ProviderName.Altoviz)),
        ];
        foreach (var provider in providers)
        {
            foreach (var kind in provider.SupportedActions)
            {
                var request = ProviderTestKit.Request(kind) with { ProviderCustomerId = "cust-1", PaymentMethodType = kind == ProviderActionKind.ProabonoUpdatePaymentSettings ? "ExternalBank" : null };
                var result = await provider.ExecuteAsync(request, CancellationToken.None);
                Assert.Equal(ProviderActionOutcome.DryRun, result.Outcome);
                Assert.NotNull(result.Request);
                var shown = JsonSerializer.Serialize(result);
                foreach (var secret in new[] { "sk_live_real", "real-api-key", "real-agent", "real-token" })
                {
                    Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
                }
            }
        }

        Assert.Empty(api.Requests);
    }

    [Fact]
    public void Validator_LiveWithoutCredentials_NamesTheExactSetting()
    {
        var paystack = new ProviderOptionsValidator<PaystackOptions>().Validate(null, new PaystackOptions { Mode = ProviderMode.Live });
        var proabono = new ProviderOptionsValidator<ProabonoOptions>().Validate(null, new ProabonoOptions { Mode = ProviderMode.Live, AgentKey = "a", ApiKey = "k" });
        Assert.True(paystack.Failed);
        Assert.Contains("Providers__Paystack__SecretKey", paystack.FailureMessage, StringComparison.Ordinal);
        Assert.True(proabono.Failed);
        Assert.Contains("Providers__Proabono__BaseUrl", proabono.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ProviderOptionsValidator<PaystackOptions>().Validate(null, new PaystackOptions()).Succeeded);
    }
}
