using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Proabono and Plisio have no spec Prism can serve, so their requests (Live, against loopback fakes, and as dry run
/// renders them) are checked against their documented fields: every field sent documented, every required one present.
/// </summary>
public sealed class DocumentedFieldsTests
{
    private static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    [Fact]
    public async Task Proabono_EveryLiveRequest_UsesOnlyDocumentedFieldsAndAllRequiredOnes()
    {
        await using var api = await LoopbackApi.StartAsync();
        var customers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var settings = new JsonObject { ["TypePayment"] = "Card", ["ModeBilling"] = "Auto", ["IsGreyListed"] = false };
        api.Handler = async (context, body) =>
        {
            var reference = context.Request.Query["ReferenceCustomer"].ToString();
            switch (context.Request.Method, context.Request.Path.Value)
            {
                case ("POST", "/v1/Customer"):
                    var sent = JsonNode.Parse(body)!.AsObject();
                    var key = sent["ReferenceCustomer"]!.GetValue<string>();
                    context.Response.StatusCode = customers.ContainsKey(key) ? 200 : 201;
                    customers[key] = sent;
                    await context.Response.WriteAsync(new JsonObject { ["Id"] = 233700, ["ReferenceCustomer"] = key, ["Email"] = sent["Email"]?.DeepClone(), ["Status"] = "Enabled" }.ToJsonString());
                    return;
                case ("GET", "/v1/Customer") when customers.TryGetValue(reference, out var customer):
                    await context.Response.WriteAsync(customer.ToJsonString());
                    return;
                case ("GET", "/v1/CustomerSettingsPayment"):
                    await context.Response.WriteAsync(settings.ToJsonString());
                    return;
                case ("POST", "/v1/CustomerSettingsPayment"):
                    settings["TypePayment"] = JsonNode.Parse(body)!["TypePayment"]!.GetValue<string>();
                    await context.Response.WriteAsync(settings.ToJsonString());
                    return;
                default:
                    context.Response.StatusCode = 404;
                    await context.Response.WriteAsJsonAsync(new { Code = "Error.Api.NotFound", Message = "Not found" }, PascalCase);
                    return;
            }
        };
        var provider = ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, new ProabonoOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, AgentKey = "agent", ApiKey = "key" });
        var customerAction = ProviderTestKit.Request(ProviderActionKind.ProabonoCreateCustomer) with { Note = new string('n', 900) };
        Assert.Equal(ProviderActionOutcome.Written, (await provider.ExecuteAsync(customerAction, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(customerAction, CancellationToken.None)).Outcome);
        var settingsAction = ProviderTestKit.Request(ProviderActionKind.ProabonoUpdatePaymentSettings) with { PaymentMethodType = "ExternalCheck" };
        Assert.Equal(ProviderActionOutcome.Written, (await provider.ExecuteAsync(settingsAction, CancellationToken.None)).Outcome);
        Assert.Equal(CustomerLookupStatus.Found, (await provider.FindCustomerAsync(new CustomerLookup("dana@example.com", null, null, null), CancellationToken.None)).Status);

        foreach (var operation in new[] { ("POST", "/v1/Customer"), ("GET", "/v1/CustomerSettingsPayment"), ("POST", "/v1/CustomerSettingsPayment"), ("GET", "/v1/Customer?") })
        {
            Assert.True(api.Count(operation.Item1, operation.Item2) > 0, $"{operation} was not exercised.");
        }

        var problems = api.Requests.SelectMany(r => ProabonoDocumentation.Check(r.Method, r.PathAndQuery, r.Body)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Plisio_EveryLiveRequest_UsesOnlyDocumentedParametersAndAllRequiredOnes()
    {
        await using var api = await LoopbackApi.StartAsync();
        var orders = new Dictionary<string, string>(StringComparer.Ordinal);
        api.Handler = async (context, _) =>
        {
            var query = context.Request.Query;
            if (context.Request.Path == "/api/v1/operations")
            {
                var search = query["search"].ToString();
                var operations = orders.Where(o => o.Key == search || o.Value == search).Select(o => new JsonObject { ["id"] = "op-" + o.Key, ["type"] = "invoice", ["status"] = "new", ["params"] = new JsonObject { ["order_number"] = o.Key } });
                await context.Response.WriteAsync(new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["operations"] = new JsonArray([.. operations]) } }.ToJsonString());
                return;
            }

            orders[query["order_number"].ToString()] = query["email"].ToString();
            await context.Response.WriteAsJsonAsync(new { status = "success", data = new { txn_id = "5ee0e502283675293c450d0e", invoice_url = "https://plisio.net/invoice/5ee0e502283675293c450d0e" } });
        };
        var provider = ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, new PlisioOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl + "/api/v1", ApiKey = "plisio-secret" });
        var invoice = ProviderTestKit.Request(ProviderActionKind.PlisioCreateInvoice);
        Assert.Equal(ProviderActionOutcome.Written, (await provider.ExecuteAsync(invoice, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(invoice, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderActionOutcome.Found, (await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PlisioFindInvoiceByEmail), CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("GET", "/api/v1/invoices/new"));
        Assert.True(api.Count("GET", "/api/v1/operations") >= 3);

        var problems = api.Requests.SelectMany(r => PlisioDocumentation.Check(r.Method, r.PathAndQuery)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEqual(PlisioProvider.OrderNumber(invoice), PlisioProvider.OrderNumber(invoice with { CallId = "call_2" }));
    }

    [Fact]
    public async Task DryRun_ProabonoAndPlisio_RenderOnlyDocumentedRequests()
    {
        var proabono = ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, new ProabonoOptions { BaseUrl = "https://api-12345.proabono.com", AgentKey = "agent", ApiKey = "key" });
        var plisio = ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, new PlisioOptions { ApiKey = "plisio-secret" });
        var problems = new List<string>();
        foreach (var provider in new FinanceProvider[] { proabono, plisio })
        {
            foreach (var kind in provider.SupportedActions)
            {
                var result = await provider.ExecuteAsync(ProviderTestKit.Request(kind) with { PaymentMethodType = kind == ProviderActionKind.ProabonoUpdatePaymentSettings ? "ExternalBank" : null }, CancellationToken.None);
                Assert.Equal(ProviderActionOutcome.DryRun, result.Outcome);
                var url = new Uri(result.Request!.Url);
                problems.AddRange(provider == proabono
                    ? ProabonoDocumentation.Check(result.Request.Method, url.PathAndQuery, result.Request.Body)
                    : PlisioDocumentation.Check(result.Request.Method, url.PathAndQuery));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Checks_UndocumentedMissingOrWrongFields_AreReported()
    {
        var proabono = ProabonoDocumentation.Check("POST", "/v1/CustomerSettingsPayment", """{"TypePayment":"Card","Iban":"x"}""");
        Assert.Contains(proabono, p => p.Contains("required query parameter 'ReferenceCustomer'", StringComparison.Ordinal));
        Assert.Contains(proabono, p => p.Contains("'Iban' is not documented", StringComparison.Ordinal));
        Assert.Contains(proabono, p => p.Contains("'Card', not one of", StringComparison.Ordinal));
        Assert.Contains(ProabonoDocumentation.Check("POST", "/v1/Customer", """{"Metadata":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6"}}"""), p => p.Contains("at most 5", StringComparison.Ordinal));
        Assert.Single(ProabonoDocumentation.Check("PUT", "/v1/Customer", null));
        var plisio = PlisioDocumentation.Check("GET", "/api/v1/invoices/new?api_key=k&order_name=x&source_currency=USD&order_id=1");
        Assert.Contains(plisio, p => p.Contains("'order_id' is not documented", StringComparison.Ordinal));
        Assert.Contains(plisio, p => p.Contains("'order_number' is missing", StringComparison.Ordinal));
        Assert.Contains(plisio, p => p.Contains("source_currency with source_amount", StringComparison.Ordinal));
        Assert.Contains(PlisioDocumentation.Check("GET", "/api/v1/invoices/email/1?api_key=k"), p => p.Contains("not a documented", StringComparison.Ordinal));
    }
}
