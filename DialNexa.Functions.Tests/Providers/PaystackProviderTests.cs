using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Paystack;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers;

public sealed class PaystackProviderTests
{
    private const string Secret = "sk_test_0123456789abcdef";

    [Fact]
    public async Task CreateCustomer_NewEmail_CreatesOnce_RerunFindsIt()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        api.Handler = fake.HandleAsync;
        var provider = Live(api);
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer);
        var first = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, first.Outcome);
        Assert.Equal("CUS_dana", first.RecordId);
        var second = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, second.Outcome);
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.All(api.Requests, r => Assert.Equal("Bearer " + Secret, r.Authorization));
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(first), StringComparison.Ordinal);
        Assert.Equal("Bearer ***", first.Request!.Headers["Authorization"]);
        var sent = JsonNode.Parse(api.Requests.Single(r => r.Method == "POST").Body)!;
        Assert.Equal("Dana", sent["first_name"]!.GetValue<string>());
        Assert.Contains("call_1", sent["metadata"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentRequestNotification_NoRequest_CreatesTaggedRequestWhoseCreationNotifies_RerunDoesNotNotifyAgain()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        fake.Customers["dana@example.com"] = 7;
        api.Handler = fake.HandleAsync;
        var provider = Live(api);
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackSendPaymentRequestNotification);
        var first = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, first.Outcome);
        var created = JsonNode.Parse(api.Requests.Single(r => r.Method == "POST").Body)!;
        Assert.Equal(24900, created["amount"]!.GetValue<long>());
        Assert.True(created["send_notification"]!.GetValue<bool>());
        var again = await provider.ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(1, api.Count("POST", "/paymentrequest"));
        Assert.Equal(0, api.Count("POST", "/paymentrequest/notify"));
    }

    [Fact]
    public async Task PaymentRequestNotification_ExistingRequestForInvoice_NotifiesExactlyOnce()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        fake.Customers["dana@example.com"] = 7;
        fake.Requests.Add(new JsonObject { ["id"] = 18823736, ["request_code"] = "PRQ_existing", ["description"] = "Invoice INV-20931", ["customer"] = 7 });
        api.Handler = fake.HandleAsync;
        var outbox = new ProviderTestKit.MemoryOutbox();
        var provider = Live(api, outbox);
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackSendPaymentRequestNotification);
        Assert.Equal(ProviderActionOutcome.Written, (await provider.ExecuteAsync(request, CancellationToken.None)).Outcome);
        var rerun = Live(api, outbox);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await rerun.ExecuteAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/paymentrequest/notify/"));
        Assert.Equal(1, api.Count("POST", "/paymentrequest/notify/18823736"));
    }

    [Fact]
    public async Task PaymentRequestNotification_NoAmount_NotifiesTheInvoicesRequest_OrEndsNotFoundWithoutCreatingOne()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        fake.Customers["dana@example.com"] = 7;
        api.Handler = fake.HandleAsync;
        var resend = ProviderTestKit.Request(ProviderActionKind.PaystackSendPaymentRequestNotification) with { Amount = null, Currency = null };
        var missing = await Live(api).ExecuteAsync(resend, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.NotFound, missing.Outcome);
        Assert.Contains("INV-20931", missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count("POST", "/paymentrequest"));
        fake.Requests.Add(new JsonObject { ["id"] = 42, ["request_code"] = "PRQ_42", ["description"] = "Invoice INV-20931" });
        Assert.Equal(ProviderActionOutcome.Written, (await Live(api).ExecuteAsync(resend, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/paymentrequest/notify/42"));
        Assert.Equal(ProviderActionOutcome.Invalid, (await Live(api).ExecuteAsync(resend with { InvoiceNumber = null }, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task CreateCustomer_422WithAnEmptyBody_IsInvalidWithAMessageSayingSo()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) =>
        {
            context.Response.StatusCode = context.Request.Method == "GET" ? 404 : 422;
            return Task.CompletedTask;
        };

        var result = await Live(api).ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);

        Assert.Equal(ProviderActionOutcome.Invalid, result.Outcome);
        Assert.Equal("no error details in the response (HTTP 422 to POST /customer)", result.Message);
    }

    [Fact]
    public async Task RateLimited_WithResetHeader_ReadIsRetried()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack { RateLimitFirstReads = 1 };
        fake.Customers["dana@example.com"] = 7;
        api.Handler = fake.HandleAsync;
        var result = await Live(api).FindCustomerAsync(new CustomerLookup("dana@example.com", null, null, null), CancellationToken.None);
        Assert.Equal(CustomerLookupStatus.Found, result.Status);
        Assert.Equal(2, api.Count("GET", "/customer/"));
    }

    [Fact]
    public async Task ServerError_OnCreate_IsNotRepeated_AndStaysInDoubtWhileTheCustomerIsMissing()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = async (context, _) =>
        {
            context.Response.StatusCode = context.Request.Method == "GET" ? 404 : 500;
            await context.Response.WriteAsJsonAsync(new { status = false, message = context.Request.Method == "GET" ? "Customer not found" : "Internal error" });
        };
        var result = await Live(api).ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);

        // A 500 does not say the customer was not created: Paystack may still commit it, so it is read again later.
        Assert.Equal(ProviderActionOutcome.InDoubt, result.Outcome);
        Assert.Equal("no customer with the email dana@example.com", result.ProviderHolds);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.Equal(2, api.Count("GET", "/customer/"));
    }

    /// <summary>Finding 17: Paystack stored the customer, and its answer never arrived whole.</summary>
    [Theory]
    [InlineData(FakePaystack.Fault.ServerError)]
    [InlineData(FakePaystack.Fault.BrokenJson)]
    [InlineData(FakePaystack.Fault.Timeout)]
    [InlineData(FakePaystack.Fault.Reset)]
    public async Task CreateCustomer_AnswerLostAfterPaystackStoredIt_IsWrittenAsReadBack_AndNeverPostedAgain(FakePaystack.Fault fault)
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack { CreateFault = fault };
        api.Handler = fake.HandleAsync;
        var outbox = new ProviderTestKit.MemoryOutbox();
        var provider = ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = Secret, TimeoutSeconds = 1, MaxRetries = 2 }, outbox);
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer);

        var result = await provider.ExecuteAsync(request, CancellationToken.None);

        Assert.True(result.Outcome == ProviderActionOutcome.Written, $"{fault}: {result.Outcome}: {result.Message}");
        Assert.Equal("customer CUS_dana (dana@example.com)", result.ProviderHolds);
        Assert.Equal("CUS_dana", result.RecordId);
        Assert.Contains("reading it back shows customer CUS_dana", result.Message, StringComparison.Ordinal);
        Assert.Empty(outbox.Pending);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await provider.ExecuteAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.Single(fake.Customers);
    }

    [Fact]
    public async Task CreateCustomer_AnswerLostAndPaystackCannotBeRead_IsInDoubtSayingSo_NotFailed()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack { CreateFault = FakePaystack.Fault.ServerError, FailReadsAfterCreate = true };
        api.Handler = fake.HandleAsync;
        var outbox = new ProviderTestKit.MemoryOutbox();
        var provider = ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = Secret, MaxRetries = 0 }, outbox);

        var result = await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);

        Assert.Equal(ProviderActionOutcome.InDoubt, result.Outcome);
        Assert.StartsWith("unknown: fetching the customer answered 503", result.ProviderHolds, StringComparison.Ordinal);
        Assert.Contains("answered 500 to the new customer dana@example.com", result.Message, StringComparison.Ordinal);
        Assert.Single(outbox.Pending);
        Assert.Equal(1, api.Count("POST", "/customer"));
    }

    /// <summary>
    /// Finding 18: a rerun (after the host was killed mid-create) finds the earlier attempt's pending marker and a
    /// customer Paystack has not committed yet: it waits and reads again instead of posting a second time; only once
    /// the commit grace has passed with the customer still missing is the create sent again.
    /// </summary>
    [Fact]
    public async Task CreateCustomer_RerunWhileAnEarlierPostIsUncommitted_ReadsAgainInsteadOfPosting_UntilTheGraceHasPassed()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        api.Handler = fake.HandleAsync;
        var outbox = new ProviderTestKit.MemoryOutbox();
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer);
        PaystackProvider WithGrace(int seconds) => ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = Secret, CommitGraceSeconds = seconds }, outbox);

        // The killed attempt marked its write and sent it; Paystack has it in flight and has not committed it.
        await outbox.MarkPendingAsync(request.CallId, "write:" + request.Kind, null, CancellationToken.None);
        var waiting = await WithGrace(30).ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.InDoubt, waiting.Outcome);
        Assert.Equal(0, api.Count("POST", "/customer"));
        Assert.InRange(waiting.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));

        fake.Customers["dana@example.com"] = 7;
        var committed = await WithGrace(30).ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, committed.Outcome);
        Assert.Equal(0, api.Count("POST", "/customer"));

        // Another call's create whose earlier attempt never took effect: past the grace it is sent again, once.
        var other = request with { CallId = "call_2", Email = "sam@example.com" };
        await outbox.MarkPendingAsync(other.CallId, "write:" + other.Kind, null, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Written, (await WithGrace(0).ExecuteAsync(other, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.Empty(outbox.Pending);
    }

    [Fact]
    public async Task PaymentRequestNotification_AnswerLostAfterPaystackSentIt_IsSettledByItsNotifications_AndNotSentAgain()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack { NotifyFault = FakePaystack.Fault.ServerError };
        fake.Customers["dana@example.com"] = 7;
        fake.Requests.Add(new JsonObject { ["id"] = 18823736, ["request_code"] = "PRQ_existing", ["description"] = "Invoice INV-20931", ["customer"] = 7, ["notifications"] = new JsonArray(new JsonObject { ["sent_at"] = "2026-11-01T10:00:00.000Z", ["channel"] = "email" }) });
        api.Handler = fake.HandleAsync;
        var outbox = new ProviderTestKit.MemoryOutbox();
        var request = ProviderTestKit.Request(ProviderActionKind.PaystackSendPaymentRequestNotification);

        var result = await Live(api, outbox).ExecuteAsync(request, CancellationToken.None);

        Assert.Equal(ProviderActionOutcome.Written, result.Outcome);
        Assert.Equal("payment request PRQ_existing with 2 notification(s), 1 before this call's", result.ProviderHolds);
        Assert.Equal(ProviderActionOutcome.AlreadyDone, (await Live(api, outbox).ExecuteAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(1, api.Count("POST", "/paymentrequest/notify/18823736"));
    }

    [Fact]
    public async Task ValidationError_IsInvalidWithPaystacksMessage_AuthError_NamesTheSetting()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = async (context, _) =>
        {
            context.Response.StatusCode = context.Request.Method == "GET" ? 404 : 400;
            await context.Response.WriteAsJsonAsync(new { status = false, message = "Invalid email address passed", type = "validation_error" });
        };
        var invalid = await Live(api).ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Invalid, invalid.Outcome);
        Assert.Equal("Invalid email address passed", invalid.Message);
        api.Handler = async (context, _) =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { status = false, message = "Invalid key" });
        };
        var auth = await Live(api).ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.NotConfigured, auth.Outcome);
        Assert.Equal("Providers__Paystack__SecretKey", auth.SettingToFix);
    }

    [Fact]
    public async Task SlowResponses_TimeOutAndEndTransient()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = async (context, _) => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        var provider = ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = Secret, TimeoutSeconds = 1, MaxRetries = 1 });
        var result = await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.Transient, result.Outcome);
        Assert.Equal(2, api.Count("GET", "/customer/"));
    }

    [Fact]
    public async Task KeyVaultReference_IsResolvedBeforeUse()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePaystack();
        api.Handler = fake.HandleAsync;
        const string reference = "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/paystack)";
        var provider = ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = reference }, secrets: new ProviderTestKit.MapSecretResolver(new() { [reference] = "sk_test_from_vault" }));
        await provider.ExecuteAsync(ProviderTestKit.Request(ProviderActionKind.PaystackCreateCustomer), CancellationToken.None);
        Assert.All(api.Requests, r => Assert.Equal("Bearer sk_test_from_vault", r.Authorization));
    }

    private static PaystackProvider Live(LoopbackApi api, ProviderTestKit.MemoryOutbox? outbox = null) =>
        ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, new PaystackOptions { Mode = ProviderMode.Live, BaseUrl = api.BaseUrl, SecretKey = Secret, MaxRetries = 2 }, outbox);
}
