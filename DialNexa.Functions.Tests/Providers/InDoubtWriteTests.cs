using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// Finding 17, through the whole app: the real Paystack client, Live, against a loopback Paystack that stores the new
/// customer and then answers 500, answers nothing within the client's timeout, or resets the connection. The write is
/// settled by reading Paystack back (the status says what Paystack holds); when Paystack cannot be read either, the
/// call goes to review with the action in doubt, and a person's re-run from the review queue, once Paystack answers
/// again, finds the customer and creates nothing more.
/// </summary>
public sealed class InDoubtWriteTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;
    private const string Email = HandoffTestApp.KnownEmail;

    [Theory]
    [InlineData(FakePaystack.Fault.ServerError, "answered 500 to the new customer")]
    [InlineData(FakePaystack.Fault.Timeout, "got no answer to the new customer")]
    [InlineData(FakePaystack.Fault.Reset, "got no answer to the new customer")]
    public async Task CreateAnsweredBadlyAfterPaystackStoredIt_TheStatusSaysWhatPaystackHolds_AndTheCallCompletes(FakePaystack.Fault fault, string happened)
    {
        await using var api = await LoopbackApi.StartAsync();
        var paystack = new FakePaystack { CreateFault = fault };
        api.Handler = paystack.HandleAsync;
        await using var app = await StartAsync(api);

        var done = await ApproveAndWaitAsync(app.Http);

        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal("Written", action.GetProperty("outcome").GetString());
        Assert.Equal($"customer CUS_dana ({Email})", action.GetProperty("providerHolds").GetString());
        Assert.Contains(happened, action.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("but reading it back shows customer CUS_dana", action.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("CUS_dana", action.GetProperty("recordId").GetString());
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.Equal(1, paystack.CustomersCreated);
    }

    [Theory]
    [InlineData(FakePaystack.Fault.ServerError)]
    [InlineData(FakePaystack.Fault.Timeout)]
    [InlineData(FakePaystack.Fault.Reset)]
    public async Task CreateInDoubtWhilePaystackCannotBeRead_GoesToReviewInDoubt_AndARerunFromReviewCreatesNothingMore(FakePaystack.Fault fault)
    {
        await using var api = await LoopbackApi.StartAsync();
        var paystack = new FakePaystack { CreateFault = fault, FailReadsAfterCreate = true };
        api.Handler = paystack.HandleAsync;
        await using var app = await StartAsync(api);

        var done = await ApproveAndWaitAsync(app.Http);

        Assert.Equal("InReview", done.GetProperty("stage").GetString());
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal("InDoubt", action.GetProperty("outcome").GetString());
        Assert.StartsWith("unknown: ", action.GetProperty("providerHolds").GetString(), StringComparison.Ordinal);
        Assert.True(action.GetProperty("attempts").GetArrayLength() >= 2, "the action is read again before it is left in doubt");
        Assert.All(action.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("InDoubt", a.GetProperty("outcome").GetString()));
        Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.StartsWith("Create a customer in Paystack is in doubt:", StringComparison.Ordinal) && r.GetString()!.Contains("/actions/PaystackCreateCustomer/rerun", StringComparison.Ordinal));
        Assert.DoesNotContain(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains("ended", StringComparison.Ordinal));
        Assert.Equal("review-alert", done.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()).Single(k => k!.StartsWith("review", StringComparison.Ordinal)));
        Assert.Equal(1, api.Count("POST", "/customer"));

        // Paystack answers again; a reviewer re-runs the action from the queue.
        paystack.FailReadsAfterCreate = false;
        var rerun = await app.Http.PostAsJsonAsync($"/api/review/{DisputeCall}/actions/PaystackCreateCustomer/rerun", new { rerunBy = "ana@finance.example", note = "Paystack is back" });
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        var started = await rerun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{DisputeCall}:rerun:PaystackCreateCustomer:1", started.GetProperty("rerun").GetString());

        var status = await Poll.UntilAsync(
            async () =>
            {
                var call = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{DisputeCall}");
                return call.TryGetProperty("reruns", out var reruns) && reruns[0].GetProperty("runtimeStatus").GetString() == "Completed" ? (object)call : null;
            },
            "the re-run completing") is JsonElement found ? found : default;

        var entry = Assert.Single(status.GetProperty("reruns").EnumerateArray());
        Assert.Equal("ana@finance.example", entry.GetProperty("rerunBy").GetString());
        Assert.Equal("Paystack is back", entry.GetProperty("note").GetString());
        Assert.Equal("PaystackCreateCustomer", entry.GetProperty("kind").GetString());
        var result = entry.GetProperty("result");
        Assert.Equal("AlreadyDone", result.GetProperty("outcome").GetString());
        Assert.Equal($"customer CUS_dana ({Email})", result.GetProperty("providerHolds").GetString());
        Assert.Contains("never got a settled answer", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("DryRun", entry.GetProperty("messages")[0].GetProperty("state").GetString());
        Assert.Equal(1, api.Count("POST", "/customer"));
        Assert.Equal(1, paystack.CustomersCreated);

        // The call's own record is as it ended; the re-run is beside it, and the review stays open for a person.
        Assert.Equal("InDoubt", status.GetProperty("actions")[0].GetProperty("outcome").GetString());
        Assert.Contains(DisputeCall, await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_RefusesWhatItCannotDoSafely_AndSaysWhy()
    {
        await using var api = await LoopbackApi.StartAsync();
        var paystack = new FakePaystack { CreateFault = FakePaystack.Fault.ServerError, FailReadsAfterCreate = true };
        api.Handler = paystack.HandleAsync;
        await using var app = await StartAsync(api);
        const string route = $"/api/review/{DisputeCall}/actions/PaystackCreateCustomer/rerun";

        await PostDisputeAsync(app.Http);
        await HandoffTestApp.WaitForStageAsync(app.Http, DisputeCall, "AwaitingApproval");
        var waiting = await app.Http.PostAsJsonAsync(route, new { rerunBy = "ana@finance.example" });
        Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
        Assert.Contains("Running", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true)).StatusCode);
        Assert.Equal("InReview", (await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall)).GetProperty("stage").GetString());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await app.Http.PostAsync(route, new StringContent("{\"rerunBy\":\"x\"}", Encoding.UTF8, "text/plain"))).StatusCode);
        var nobody = await app.Http.PostAsJsonAsync(route, new { note = "again" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("rerunBy", await nobody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unplanned = await app.Http.PostAsJsonAsync($"/api/review/{DisputeCall}/actions/AltovizCreateContact/rerun", new { rerunBy = "ana@finance.example" });
        Assert.Equal(HttpStatusCode.NotFound, unplanned.StatusCode);
        Assert.Contains("it planned: PaystackCreateCustomer", await unplanned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.PostAsJsonAsync("/api/review/call_unknown/actions/PaystackCreateCustomer/rerun", new { rerunBy = "ana@finance.example" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await HandoffTestApp.ResolveReviewAsync(app.Http, DisputeCall)).StatusCode);
        var resolved = await app.Http.PostAsJsonAsync(route, new { rerunBy = "bo@finance.example" });
        Assert.Equal(HttpStatusCode.Conflict, resolved.StatusCode);
        Assert.Contains("resolved by ana@finance.example", await resolved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, api.Count("POST", "/customer"));
    }

    [Fact]
    public async Task Erase_CallWithARerun_PurgesTheRerunToo()
    {
        await using var api = await LoopbackApi.StartAsync();
        var paystack = new FakePaystack { CreateFault = FakePaystack.Fault.ServerError, FailReadsAfterCreate = true };
        api.Handler = paystack.HandleAsync;
        await using var app = await StartAsync(api);
        await ApproveAndWaitAsync(app.Http);
        paystack.FailReadsAfterCreate = false;
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsJsonAsync($"/api/review/{DisputeCall}/actions/PaystackCreateCustomer/rerun", new { rerunBy = "ana@finance.example" })).StatusCode);
        var rerunId = $"{DisputeCall}:rerun:PaystackCreateCustomer:1";
        await Poll.UntilAsync(async () => (await app.Http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{rerunId}")).GetProperty("runtimeStatus").GetString() == "Completed", "the re-run completing");

        Assert.Equal(HttpStatusCode.OK, (await app.Http.DeleteAsync($"/api/calls/{DisputeCall}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/runtime/webhooks/durabletask/instances/{rerunId}")).StatusCode);
        var store = app.Services.GetRequiredService<DialNexa.Functions.AppData.IAppDataStore>();
        Assert.Empty(await store.ListAsync(DialNexa.Functions.AppData.AppDataKinds.ActionRerun, DisputeCall, null, 10, CancellationToken.None));
    }

    private static Task<TestApp> StartAsync(LoopbackApi paystack) =>
        TestApp.StartAsync(
            new Dictionary<string, string>
            {
                ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
                ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",

                // The caller is new to Paystack (that is why the customer is created): no lookup can match them.
                ["DialNexa:Handoff:MinimumMatchConfidence"] = "0",
                ["DialNexa:Handoff:WriteRetry:FirstDelay"] = "00:00:01",
                ["DialNexa:Handoff:WriteRetry:MaxDelay"] = "00:00:01",
                ["DialNexa:Handoff:WriteRetry:GiveUpAfter"] = "00:00:03",
                ["Providers:Paystack:Mode"] = "Live",
                ["Providers:Paystack:BaseUrl"] = paystack.BaseUrl,
                ["Providers:Paystack:SecretKey"] = "sk_test_indoubt0123456789",
                ["Providers:Paystack:TimeoutSeconds"] = "1",
                // No client retries, and few attempts: the outage's failed reads stay under what opens the client's
                // circuit breaker (8 calls, half failing), so the re-run after it can read at once.
                ["Providers:Paystack:MaxRetries"] = "0",
                ["Providers:Paystack:CommitGraceSeconds"] = "2",
            },
            configure: builder =>
            {
                builder.Services.AddSingleton<ICallRedactor, FakeCallRedactor>();
                builder.Services.AddSingleton<IFactExtractor, FakeFactExtractor>();
            });

    private static async Task<JsonElement> ApproveAndWaitAsync(HttpClient http)
    {
        await PostDisputeAsync(http);
        await HandoffTestApp.WaitForStageAsync(http, DisputeCall, "AwaitingApproval");
        Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(http, DisputeCall, approved: true)).StatusCode);
        return await HandoffTestApp.WaitForCompletionAsync(http, DisputeCall, seconds: 60);
    }

    private static async Task PostDisputeAsync(HttpClient http)
    {
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(http, body, WebhookSender.Sign(body))).StatusCode);
    }
}
