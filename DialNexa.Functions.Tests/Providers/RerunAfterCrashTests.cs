using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DialNexa.Durable;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using DialNexa.Functions.Tests.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// The real provider action activity on the real engine (SQLite in a temp folder, the store's own outbox), with the
/// commit of its first result made to fail: the provider has answered, our commit has not happened, so the engine runs
/// the activity again. The rerun finds the first effect: no second customer, invoice, contact or notification.
/// </summary>
public sealed class RerunAfterCrashTests
{
    [Theory]
    [InlineData(ProviderActionKind.PaystackCreateCustomer, "POST /paystack/customer")]
    [InlineData(ProviderActionKind.PaystackSendPaymentRequestNotification, "POST /paystack/paymentrequest")]
    [InlineData(ProviderActionKind.PlisioCreateInvoice, "GET /plisio/invoices/new")]
    [InlineData(ProviderActionKind.ProabonoCreateCustomer, "CREATED /proabono/v1/Customer")]
    [InlineData(ProviderActionKind.AltovizCreateContact, "POST /altoviz/v1/Contacts")]
    public async Task ProviderAction_CrashAfterProviderAnsweredBeforeCommit_RerunCreatesNothingNew(ProviderActionKind kind, string effect)
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePlatforms();
        if (kind == ProviderActionKind.PaystackSendPaymentRequestNotification)
        {
            fake.AddPaystackCustomer("dana@example.com");
        }

        api.Handler = fake.HandleAsync;
        var result = await RunWithFailedFirstCommitAsync(api, kind);
        Assert.True(fake.Runs(kind) >= 2, $"The activity should have run again after the failed commit; the fake saw {fake.Runs(kind)} run(s).");
        Assert.Equal(1, fake.Effects(effect));
        Assert.Equal(ProviderActionOutcome.AlreadyDone, result.Outcome);
    }

    [Fact]
    public async Task PaystackNotification_ExistingRequest_CrashAfterNotifyBeforeCommit_NotifiesOnce()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePlatforms();
        fake.AddPaystackCustomer("dana@example.com");
        fake.PaymentRequests.Add(new JsonObject { ["id"] = 18823736, ["request_code"] = "PRQ_inv20931", ["description"] = "Invoice INV-20931", ["invoice_number"] = 20931 });
        api.Handler = fake.HandleAsync;
        var result = await RunWithFailedFirstCommitAsync(api, ProviderActionKind.PaystackSendPaymentRequestNotification);
        Assert.True(fake.Runs(ProviderActionKind.PaystackSendPaymentRequestNotification) >= 2);
        Assert.Equal(1, fake.Effects("POST /paystack/paymentrequest/notify/18823736"));
        Assert.Equal(0, fake.Effects("POST /paystack/paymentrequest"));
        Assert.Equal(ProviderActionOutcome.AlreadyDone, result.Outcome);
    }

    private static async Task<ProviderActionResult> RunWithFailedFirstCommitAsync(LoopbackApi api, ProviderActionKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-rerun-tests", Guid.NewGuid().ToString("N"));
        try
        {
            return await RunInAsync(directory, api, kind);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<ProviderActionResult> RunInAsync(string directory, LoopbackApi api, ProviderActionKind kind)
    {
        var failedOnce = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IActionOutbox, StoreActionOutbox>();
        ProviderOptions Live(string path) => new() { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl + path, SecretKey = "sk_test_rerun", ApiKey = "rerun-key", AgentKey = "rerun-agent", MaxRetries = 0 };
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, Live("/paystack"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, Live("/plisio"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, Live("/proabono"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<AltovizProvider>(ProviderName.Altoviz, Live("/altoviz"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<ProviderDirectory>();
        var embedded = DurableTaskServiceCollectionExtensions.EmbeddedStore(directory);
        services.AddDurableTask(
            new ConfigurationBuilder().Build(),
            r => r.AddOrchestrator<RunOneProviderAction>().AddActivity<ExecuteProviderActionActivity>(),
            (sp, o) => new FaultyStore(embedded(sp, o))
            {
                // The provider has answered; the commit of that answer fails once, as if the host died right then.
                FailActivityCompletion = (item, _) => item.Scheduled.Name == nameof(ExecuteProviderActionActivity) && failedOnce.TryAdd(item.InstanceId, true),
            });
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var request = ProviderTestKit.Request(kind, "call_rerun") with { PaymentMethodType = null };
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(RunOneProviderAction), new PlannedAction(ProviderActionRouting.ProviderOf(kind), kind, request), new StartOrchestrationOptions { InstanceId = "call_rerun" });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.True(failedOnce.ContainsKey(id), "The injected commit failure did not happen.");
            return done.ReadOutputAs<ProviderActionResult>()!;
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Paystack, Plisio, Proabono and Altoviz under one loopback fake (by path prefix), answering like each API.</summary>
    private sealed class FakePlatforms
    {
        private readonly ConcurrentQueue<string> _effects = new();
        private readonly ConcurrentDictionary<ProviderActionKind, int> _runs = new();
        private readonly ConcurrentDictionary<string, string> _paystackCustomers = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, string> _plisioOrders = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _proabonoCustomers = new(StringComparer.Ordinal);
        private readonly JsonArray _altovizContacts = [];

        public List<JsonObject> PaymentRequests { get; } = [];

        /// <summary>Makes the caller a known Paystack customer (payment requests need one).</summary>
        public void AddPaystackCustomer(string email) => _paystackCustomers[email] = "CUS_dana";

        public int Runs(ProviderActionKind kind) => _runs.GetValueOrDefault(kind);

        public int Effects(string effect) => _effects.Count(e => e == effect);

        public async Task HandleAsync(HttpContext context, string body)
        {
            var method = context.Request.Method;
            var path = context.Request.Path.Value!;
            var query = context.Request.Query;
            if (method != "GET" || path.EndsWith("/invoices/new", StringComparison.Ordinal))
            {
                _effects.Enqueue($"{method} {path}");
            }

            switch (path)
            {
                case var p when p.StartsWith("/paystack/customer/", StringComparison.Ordinal) && method == "GET":
                    var email = Uri.UnescapeDataString(p["/paystack/customer/".Length..]);
                    _runs.AddOrUpdate(ProviderActionKind.PaystackCreateCustomer, 1, (_, n) => n + 1);
                    _runs.AddOrUpdate(ProviderActionKind.PaystackSendPaymentRequestNotification, 1, (_, n) => n + 1);
                    if (_paystackCustomers.TryGetValue(email, out var code))
                    {
                        await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Customer retrieved", ["data"] = new JsonObject { ["id"] = 7, ["email"] = email, ["customer_code"] = code } }.ToJsonString());
                        return;
                    }

                    context.Response.StatusCode = 404;
                    await context.Response.WriteAsync("""{"status":false,"message":"Customer not found"}""");
                    return;
                case "/paystack/customer":
                    _paystackCustomers[JsonNode.Parse(body)!["email"]!.GetValue<string>()] = "CUS_dana";
                    await context.Response.WriteAsync("""{"status":true,"message":"Customer created","data":{"id":7,"customer_code":"CUS_dana"}}""");
                    return;
                case "/paystack/paymentrequest" when method == "GET":
                    JsonArray list;
                    lock (PaymentRequests)
                    {
                        list = [.. PaymentRequests.Select(r => r.DeepClone())];
                    }

                    await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment requests retrieved", ["data"] = list }.ToJsonString());
                    return;
                case "/paystack/paymentrequest":
                    var created = JsonNode.Parse(body)!.AsObject();
                    created["id"] = 100 + PaymentRequests.Count;
                    created["request_code"] = "PRQ_" + PaymentRequests.Count;
                    lock (PaymentRequests)
                    {
                        PaymentRequests.Add(created);
                    }

                    await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment request created", ["data"] = created.DeepClone() }.ToJsonString());
                    return;
                case var p when p.StartsWith("/paystack/paymentrequest/notify/", StringComparison.Ordinal):
                    await context.Response.WriteAsync("""{"status":true,"message":"Notification sent"}""");
                    return;
                case "/plisio/operations":
                    _runs.AddOrUpdate(ProviderActionKind.PlisioCreateInvoice, 1, (_, n) => n + 1);
                    var search = query["search"].ToString();
                    var operations = _plisioOrders.ContainsKey(search) ? """[{"id":"op1","status":"new"}]""" : "[]";
                    await context.Response.WriteAsync("""{"status":"success","data":{"operations":""" + operations + "}}");
                    return;
                case "/plisio/invoices/new":
                    _plisioOrders[query["order_number"].ToString()] = "txn1";
                    await context.Response.WriteAsync("""{"status":"success","data":{"txn_id":"txn1","invoice_url":"https://plisio.net/invoice/txn1"}}""");
                    return;
                case "/proabono/v1/Customer":
                    _runs.AddOrUpdate(ProviderActionKind.ProabonoCreateCustomer, 1, (_, n) => n + 1);
                    var reference = JsonNode.Parse(body)!["ReferenceCustomer"]!.GetValue<string>();
                    var isNew = _proabonoCustomers.TryAdd(reference, true);
                    if (isNew)
                    {
                        _effects.Enqueue("CREATED /proabono/v1/Customer");
                    }

                    context.Response.StatusCode = isNew ? 201 : 200;
                    await context.Response.WriteAsync($$"""{"Id":1,"ReferenceCustomer":"{{reference}}"}""");
                    return;
                case "/altoviz/v1/Contacts/Find":
                    _runs.AddOrUpdate(ProviderActionKind.AltovizCreateContact, 1, (_, n) => n + 1);
                    string contacts;
                    lock (_altovizContacts)
                    {
                        contacts = _altovizContacts.ToJsonString();
                    }

                    await context.Response.WriteAsync(contacts);
                    return;
                case "/altoviz/v1/Contacts":
                    var contact = JsonNode.Parse(body)!.AsObject();
                    contact["id"] = 42;
                    lock (_altovizContacts)
                    {
                        _altovizContacts.Add(contact.DeepClone());
                    }

                    await context.Response.WriteAsync(contact.ToJsonString());
                    return;
                default:
                    context.Response.StatusCode = 404;
                    return;
            }
        }
    }
}
