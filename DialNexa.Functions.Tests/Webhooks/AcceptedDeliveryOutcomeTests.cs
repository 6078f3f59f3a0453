using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Approvals;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// Finding 1 of issue 14: a signed delivery answered 202 must end Completed or in review with a reason, never Failed
/// with nothing to show; what cannot be accepted gets a 4xx that says why and leaves nothing behind.
/// </summary>
public sealed class AcceptedDeliveryOutcomeTests
{
    [Fact]
    public async Task Handoff_2500CharacterCustomerNameAndEscalationReason_EndsInReviewWithTheReason()
    {
        var (app, _, slack, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var longName = "Dana " + new string('W', 2500);
            var longReason = "I want to speak to a manager because " + string.Concat(Enumerable.Repeat("this keeps happening ", 125));
            var body = HostileCallApp.Dispute("call_long_texts", c =>
            {
                HostileCallApp.Analysis(c)["customer_name"] = longName;
                HostileCallApp.Analysis(c)["escalation_reason"] = longReason;
            });
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, body)).StatusCode);

            var done = await HostileCallApp.WaitForEndAsync(app, "call_long_texts");
            Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains("escalation", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(slack.Received, r => r.Text.Contains("needs review", StringComparison.Ordinal));
            await AssertCustomStatusFitsAsync(app, "call_long_texts");
        }
    }

    [Fact]
    public async Task Handoff_CallerNameOf50000Characters_WaitsForApprovalWithACustomStatusUnderTheLimit()
    {
        var (app, _, _, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var body = HostileCallApp.Dispute("call_huge_name", c => HostileCallApp.Analysis(c)["customer_name"] = "Dana " + new string('W', 50_000));
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, body)).StatusCode);

            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, "call_huge_name");
            await AssertCustomStatusFitsAsync(app, "call_huge_name");
        }
    }

    [Fact]
    public async Task Handoff_LiveWriteRecordingLongOldAndNewValues_EndsCompletedWithACustomStatusUnderTheLimit()
    {
        var provider = new LongValuesProvider();
        var (app, _, _, _) = await HostileCallApp.StartAsync(paystack: provider);
        await using (app)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, HostileCallApp.Dispute("call_long_values"))).StatusCode);
            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, "call_long_values");
            await HandoffTestApp.DecideAsync(app.Http, "call_long_values", approved: true);

            var done = await HostileCallApp.WaitForEndAsync(app, "call_long_values");
            Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            Assert.Equal(20_000, done.GetProperty("actions")[0].GetProperty("newValue").GetString()!.Length);
            await AssertCustomStatusFitsAsync(app, "call_long_values");
        }
    }

    [Fact]
    public async Task Handoff_CrLfInTheCurrencyWithApprovalMail_AsksForApprovalAndNoMailHeaderIsInjected()
    {
        await using var relay = new FakeSmtpServer();
        var (app, _, _) = await HandoffTestApp.StartAsync(new()
        {
            ["DialNexa:Approvals:Email:Host"] = "127.0.0.1",
            ["DialNexa:Approvals:Email:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DialNexa:Approvals:Email:EnableSsl"] = "false",
            ["DialNexa:Approvals:Email:From"] = "approvals@example.com",
        });
        await using (app)
        {
            var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"))
                .Replace("\"currency\": \"USD\"", "\"currency\": \"USD\\r\\nBcc: attacker@evil.example\"", StringComparison.Ordinal));
            Assert.Contains("attacker@evil.example", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);

            var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);
            Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
            await Poll.UntilAsync(() => Task.FromResult(!relay.Received.IsEmpty), "the approval mail arriving");
            var mail = Assert.Single(relay.Received);
            Assert.Equal(["finance.lead@example.com"], mail.To);
            Assert.DoesNotContain("attacker@evil.example", mail.Data.Split("\r\n\r\n")[0], StringComparison.OrdinalIgnoreCase);
            Assert.Null(mail.Header("Bcc"));
        }
    }

    [Fact]
    public async Task Handoff_StepThatFailsEveryAttempt_EndsInReviewWithAnAlertNotFailed()
    {
        var (app, _, slack, _) = await HostileCallApp.StartAsync(paystack: new ExplodingProvider());
        await using (app)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, HostileCallApp.Dispute("call_exploding"))).StatusCode);

            var done = await HostileCallApp.WaitForEndAsync(app, "call_exploding");
            Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.Contains(done.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains(nameof(Functions.Handoff.Activities.AssessCallActivity), StringComparison.Ordinal));
            Assert.Contains(slack.Received, r => r.Text.Contains("call_exploding", StringComparison.Ordinal) && r.Text.Contains("needs review", StringComparison.Ordinal));
            var review = await HostileCallApp.ReviewAsync(app);
            Assert.Contains(review.GetProperty("calls").EnumerateArray(), c => c.GetProperty("callId").GetString() == "call_exploding");
        }
    }

    [Fact]
    public async Task InboxSweep_HandoffThatFailed_GoesToReviewWithAnAlert()
    {
        var (app, _, slack, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var inbox = app.Services.GetRequiredService<CallInbox>();
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            await inbox.AcceptAsync("call_failed_handoff", "call_ended", HostileCallApp.Dispute("call_failed_handoff"), startAlongside: null, CancellationToken.None);

            // An orchestration that fails outright (here: started with no input), as a bug would make it.
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(CallHandoffOrchestrator), input: null, new StartOrchestrationOptions("call_failed_handoff"));
            await Poll.UntilAsync(async () => (await client.GetInstanceAsync("call_failed_handoff"))?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, "the handoff failing");

            await app.Services.GetRequiredService<InboxReconciler>().SweepAsync(CancellationToken.None);

            var review = await HostileCallApp.ReviewAsync(app);
            var item = Assert.Single(review.GetProperty("calls").EnumerateArray(), c => c.GetProperty("callId").GetString() == "call_failed_handoff" && !c.TryGetProperty("lateDelivery", out _));
            Assert.Contains(item.GetProperty("review").EnumerateArray(), r => r.GetString()!.Contains("failed", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(slack.Received, r => r.Text.Contains("call_failed_handoff", StringComparison.Ordinal) && r.Text.Contains("failed", StringComparison.Ordinal));

            // A person can take it off the queue like any other call in review.
            Assert.Equal(HttpStatusCode.OK, (await HandoffTestApp.ResolveReviewAsync(app.Http, "call_failed_handoff")).StatusCode);
        }
    }

    /// <summary>The custom status a running orchestration shows is bounded (Durable Functions keeps at most 16 KB).</summary>
    private static async Task AssertCustomStatusFitsAsync(TestApp app, string callId)
    {
        var instance = await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(callId, getInputsAndOutputs: true);
        Assert.NotNull(instance?.SerializedCustomStatus);
        Assert.True(instance.SerializedCustomStatus.Length <= CallStatusSnapshot.CustomStatusLimit, $"The custom status is {instance.SerializedCustomStatus.Length} characters.");
    }

    /// <summary>Paystack whose lookups always throw, as a client with a bug would.</summary>
    private sealed class ExplodingProvider : IFinanceProvider
    {
        public ProviderName Name => ProviderName.Paystack;

        public ProviderMode Mode => ProviderMode.Live;

        public bool IsConfigured => true;

        public IReadOnlyCollection<ProviderActionKind> SupportedActions => Enum.GetValues<ProviderActionKind>();

        public Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The lookup exploded.");

        public Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The write exploded.");
    }

    /// <summary>Paystack that finds the caller and records 20,000-character old and new values for every write.</summary>
    private sealed class LongValuesProvider : IFinanceProvider
    {
        public ProviderName Name => ProviderName.Paystack;

        public ProviderMode Mode => ProviderMode.Live;

        public bool IsConfigured => true;

        public IReadOnlyCollection<ProviderActionKind> SupportedActions => Enum.GetValues<ProviderActionKind>();

        public Task<CustomerLookupResult> FindCustomerAsync(CustomerLookup lookup, CancellationToken cancellationToken) =>
            Task.FromResult(new CustomerLookupResult(Name, CustomerLookupStatus.Found, [new ProviderCustomer("cus_1", "Dana Whitfield", HostileCallApp.KnownEmail, null, "https://paystack.example/cus_1")]));

        public Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ProviderActionResult
            {
                Provider = Name,
                Kind = request.Kind,
                Mode = Mode,
                Outcome = ProviderActionOutcome.Written,
                OldValue = "{\"metadata\":\"" + new string('o', 19_985) + "\"}",
                NewValue = "{\"metadata\":\"" + new string('n', 19_985) + "\"}",
                RecordId = "cus_1",
            });
    }
}
