using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Approvals;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Providers;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// Finding 16: every message for people reaches them at least once, in order, or its failure is in the call's status
/// and alerted another way. The real Slack client posts to a loopback fake of Slack's incoming webhook that answers as
/// Slack does (200 "ok"; 500 rollup_error, 429 with Retry-After, 404 channel_not_found), switched off and on by the test.
/// </summary>
public sealed class MessageDeliveryTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task SlackRefusedForTheWholeCall_ThenBack_EveryMessageArrivesOnceInOrder_AndTheStatusShowsTheDelays()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Down = true;
        var (app, paystack) = await HandoffTestApp.StartWithRealSlackAsync(LiveSlack(slack));
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);

            // The request never reached finance: the status says so while the call waits.
            var waiting = await WaitForAsync(app.Http, s => Message(s, "approval-request") is { } m && m.GetProperty("attempts").GetInt32() >= 2, "the approval request retried");
            var request = Message(waiting, "approval-request")!.Value;
            Assert.Equal("Retrying", request.GetProperty("state").GetString());
            Assert.Equal("AwaitingApproval", waiting.GetProperty("stage").GetString());
            Assert.Matches("Slack answered (500: rollup_error|429: rate_limited)", request.GetProperty("problem").GetString());
            Assert.True(request.TryGetProperty("nextAttemptAt", out var next) && next.ValueKind == JsonValueKind.String);

            // Finance decides through the link in the status; the call writes and ends while Slack is still down.
            Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true)).StatusCode);
            var ended = await WaitForAsync(app.Http, s => s.GetProperty("stage").GetString() == "Completed", "the final stage shown while messages wait");
            Assert.Equal("Running", ended.GetProperty("runtimeStatus").GetString());
            Assert.Equal(1, paystack.Writes[$"{DisputeCall}:PaystackCreateCustomer"]);
            Assert.All(ended.GetProperty("messages").EnumerateArray(), m => Assert.Contains(m.GetProperty("state").GetString(), new[] { "Queued", "Retrying" }));
            Assert.Equal(["approval-request", "decision", "alert:Duplicate-charge"], ended.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()));
            Assert.Empty(slack.Accepted);

            slack.Down = false;
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall, seconds: 60);

            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var posted = slack.Accepted.ToList();
            Assert.Equal(3, posted.Count);
            Assert.StartsWith("*Approval needed*", posted[0], StringComparison.Ordinal);
            Assert.StartsWith($"Call {DisputeCall}: approved by finance.lead@example.com", posted[1], StringComparison.Ordinal);
            Assert.StartsWith("Duplicate charge:", posted[2], StringComparison.Ordinal);
            // The request was tried until Slack took it; the later messages waited behind it (order), then went at once.
            foreach (var message in done.GetProperty("messages").EnumerateArray())
            {
                Assert.Equal("Delivered", message.GetProperty("state").GetString());
                Assert.True(TimeSpan.Parse(message.GetProperty("delay").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.FromSeconds(1), $"{message}");
                Assert.True(message.GetProperty("deliveredAt").GetDateTimeOffset() > message.GetProperty("queuedAt").GetDateTimeOffset());
            }

            Assert.True(Message(done, "approval-request")!.Value.GetProperty("attempts").GetInt32() >= 3);
            Assert.Matches("Slack answered (500: rollup_error|429: rate_limited)", Message(done, "approval-request")!.Value.GetProperty("problem").GetString());

            Assert.Contains(done.GetProperty("notifications").EnumerateArray(), n => n.GetString() == "Slack Duplicate charge: Delivered");
            Assert.DoesNotContain("hooksecret", done.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WriteFails_CallEndsInReview_AndFinanceIsAlertedInSlack()
    {
        var (app, paystack, slack) = await HandoffTestApp.StartAsync();
        paystack.Refuse = _ => (ProviderActionOutcome.Invalid, "Invalid email address passed");
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);

            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            var alert = Assert.Single(slack.Received, r => r.Text.Contains("needs review", StringComparison.Ordinal));
            Assert.Contains("Create a customer in Paystack: Invalid. Invalid email address passed", alert.Text, StringComparison.Ordinal);
            Assert.Equal("review-alert", alert.MessageKey);
            var keys = done.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()).ToList();
            Assert.Equal(["approval-request", "decision", "review-alert", "alert:Duplicate-charge"], keys);
            Assert.Contains(DisputeCall, await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SlackRefusesForGood_TheMessagesFailInTheStatus_AndTheCallGoesToReviewWithAnErrorLogged()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.ChannelGone = true;
        var logs = new CapturingLoggerProvider();
        var (app, _) = await HandoffTestApp.StartWithRealSlackAsync(LiveSlack(slack), logs: logs);
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var refused = await WaitForAsync(app.Http, s => Message(s, "approval-request")?.GetProperty("state").GetString() == "Failed", "the approval request failing");
            Assert.Equal("Providers__Slack__WebhookUrl", Message(refused, "approval-request")!.Value.GetProperty("settingToFix").GetString());

            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);

            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.StartsWith("Approval request (Slack) was not delivered: Slack answered 404: channel_not_found", StringComparison.Ordinal));
            Assert.All(done.GetProperty("messages").EnumerateArray(), m => Assert.Equal("Failed", m.GetProperty("state").GetString()));
            Assert.Contains(DisputeCall, await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);
            Assert.Contains(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains($"Call {DisputeCall}: the Approval request (Slack) was not delivered", StringComparison.Ordinal));
            Assert.Empty(slack.Accepted);
        }
    }

    [Fact]
    public async Task ApprovalMail_RelayBusy_IsRetriedUntilItGoesOut_AndTheStatusShowsIt()
    {
        const string Controller = "controller@example.com";
        await using var relay = new FakeSmtpServer();
        relay.Busy[Controller] = true;
        var (app, _, _) = await HandoffTestApp.StartAsync(new()
        {
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
            ["DialNexa:Approvals:Approvers:1:Email"] = Controller,
            ["DialNexa:Approvals:Email:Host"] = "127.0.0.1",
            ["DialNexa:Approvals:Email:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DialNexa:Approvals:Email:EnableSsl"] = "false",
            ["DialNexa:Approvals:Email:From"] = "approvals@example.com",
            ["DialNexa:Handoff:MessageRetry:FirstDelay"] = "00:00:01",
            ["DialNexa:Handoff:MessageRetry:MaxDelay"] = "00:00:01",
        });
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var key = "mail:request:" + Controller;
            await WaitForAsync(app.Http, s => Message(s, key)?.GetProperty("attempts").GetInt32() >= 1, "the controller's mail retried");
            relay.Busy.TryRemove(Controller, out _);
            var sent = await WaitForAsync(app.Http, s => Message(s, key)?.GetProperty("state").GetString() == "Delivered", "the controller's mail delivered");

            var mail = Message(sent, key)!.Value;
            Assert.True(mail.GetProperty("attempts").GetInt32() >= 2);
            Assert.Equal("Email", mail.GetProperty("channel").GetString());
            Assert.Equal("the SMTP server refused it (LocalErrorInProcessing)", mail.GetProperty("problem").GetString());
            Assert.Single(relay.Received, m => m.To.Contains(Controller));
            Assert.Single(relay.Received, m => m.To.Contains("finance.lead@example.com"));
            Assert.All(sent.GetProperty("approval").GetProperty("request").GetProperty("deliveries").EnumerateArray(), d => Assert.True(d.GetProperty("sent").GetBoolean()));
        }
    }

    internal static Dictionary<string, string> LiveSlack(FakeSlack slack) => new()
    {
        ["Providers:Slack:Mode"] = "Live",
        ["Providers:Slack:WebhookUrl"] = slack.WebhookUrl,
        ["Providers:Slack:MaxRetries"] = "0",
        ["DialNexa:Handoff:MessageRetry:FirstDelay"] = "00:00:01",
        ["DialNexa:Handoff:MessageRetry:MaxDelay"] = "00:00:02",
    };

    internal static JsonElement? Message(JsonElement status, string key) =>
        status.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? messages.EnumerateArray().Where(m => m.GetProperty("key").GetString() == key).Select(m => (JsonElement?)m).FirstOrDefault()
            : null;

    internal static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> condition, string what, string callId = DisputeCall) =>
        await Poll.UntilAsync(
            async () =>
            {
                var status = await http.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
                return condition(status) ? (object)status : null;
            },
            what,
            seconds: 60) is JsonElement found ? found : default;

    /// <summary>
    /// Slack's incoming webhook on loopback: 200 "ok" and the message kept (its text) when up; while <see cref="Down"/>,
    /// 500 rollup_error and 429 rate_limited with Retry-After 1, in turn; with <see cref="ChannelGone"/>, 404 channel_not_found.
    /// </summary>
    internal sealed class FakeSlack : IAsyncDisposable
    {
        private readonly LoopbackApi _api;
        private int _refusals;
        private volatile bool _down;
        private volatile bool _channelGone;

        private FakeSlack(LoopbackApi api)
        {
            _api = api;
            api.Handler = HandleAsync;
        }

        public string WebhookUrl => _api.BaseUrl + "/services/T0DIALNEXA/B0FINANCE/hooksecret";

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public bool ChannelGone
        {
            get => _channelGone;
            set => _channelGone = value;
        }

        public ConcurrentQueue<string> Accepted { get; } = new();

        public static async Task<FakeSlack> StartAsync() => new(await LoopbackApi.StartAsync());

        public ValueTask DisposeAsync() => _api.DisposeAsync();

        private async Task HandleAsync(HttpContext context, string body)
        {
            if (ChannelGone)
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("channel_not_found");
                return;
            }

            if (Down)
            {
                var limited = Interlocked.Increment(ref _refusals) % 2 == 0;
                context.Response.StatusCode = limited ? 429 : 500;
                if (limited)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await context.Response.WriteAsync(limited ? "rate_limited" : "rollup_error");
                return;
            }

            Accepted.Enqueue(JsonNode.Parse(body)!["text"]!.GetValue<string>());
            await context.Response.WriteAsync("ok");
        }
    }
}
