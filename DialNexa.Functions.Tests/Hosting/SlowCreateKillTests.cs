using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Tests.Providers;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// Finding 18: the app, as its own process on the embedded store, sends a Paystack create that Paystack (a loopback
/// fake) commits only 8 s later and never answers; the process is SIGKILLed while the create is in flight. A second
/// process on the same data directory runs the action again: it finds the first attempt's pending marker and a
/// customer Paystack has not committed yet, so it reads again instead of posting, until the customer appears.
/// </summary>
public sealed class SlowCreateKillTests
{
    private const string CallId = "call_7f3a9c21d4";

    [Fact]
    public async Task HostKilledDuringACreateThePaystackCommits8sLater_TheNextHostFindsIt_OneRecord()
    {
        await using var api = await LoopbackApi.StartAsync();
        var paystack = new FakePaystack { CommitCreatesAfter = TimeSpan.FromSeconds(8) };
        api.Handler = paystack.HandleAsync;
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-kill-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
            ["DialNexa:Handoff:MinimumMatchConfidence"] = "0",
            ["DialNexa:Handoff:WriteRetry:FirstDelay"] = "00:00:02",
            ["DialNexa:Handoff:WriteRetry:MaxDelay"] = "00:00:02",
            ["Providers:Paystack:Mode"] = "Live",
            ["Providers:Paystack:BaseUrl"] = api.BaseUrl,
            ["Providers:Paystack:SecretKey"] = "sk_test_kill0123456789",
            ["Providers:Paystack:TimeoutSeconds"] = "60",
            ["Providers:Paystack:CommitGraceSeconds"] = "30",
        };
        try
        {
            await using (var first = await HostProcess.StartAsync(directory, settings))
            {
                var body = WebhookSender.Sample("call_ended.completed.dispute.json");
                Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(first.Http, body, WebhookSender.Sign(body))).StatusCode);
                await Poll.UntilAsync(async () => await StageAsync(first.Http) == "AwaitingApproval", "the call waiting for approval");
                var approve = await first.Http.PostAsync(
                    $"/runtime/webhooks/durabletask/instances/{CallId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
                    JsonContent.Create(new FinanceApproval(true, "finance.lead@example.com", "kill test", DateTimeOffset.UtcNow)));
                Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
                await Poll.UntilAsync(() => Task.FromResult(api.Count("POST", "/customer") == 1), "the create reaching Paystack");
                await first.KillAsync();
            }

            Assert.Equal(0, paystack.CustomersCreated);
            var killedAt = DateTime.UtcNow;
            await using var second = await HostProcess.StartAsync(directory, settings);
            var done = await Poll.UntilAsync(
                async () =>
                {
                    var status = await second.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
                    return status.GetProperty("runtimeStatus").GetString() == "Completed" ? (object)status : null;
                },
                "the call completing on the second host",
                seconds: 90) is JsonElement found ? found : default;

            Assert.Equal(1, api.Count("POST", "/customer"));
            Assert.Equal(1, paystack.CustomersCreated);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
            Assert.Equal("AlreadyDone", action.GetProperty("outcome").GetString());
            Assert.Equal("customer CUS_dana (dana.whitfield@example.com)", action.GetProperty("providerHolds").GetString());
            var attempts = action.GetProperty("attempts").EnumerateArray().ToList();
            Assert.True(attempts.Count >= 2, $"the second host should have read again while Paystack had not committed: {action}");
            Assert.Equal("InDoubt", attempts[0].GetProperty("outcome").GetString());
            Assert.Contains("does not show it yet", attempts[0].GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(60));
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A killed host's files may linger a moment; the temp folder is cleaned later.
            }
        }
    }

    private static async Task<string?> StageAsync(HttpClient http)
    {
        using var response = await http.GetAsync($"/api/calls/{CallId}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString() : null;
    }
}
