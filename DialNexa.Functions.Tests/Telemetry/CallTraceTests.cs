using System.Diagnostics;
using System.Text;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Providers;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DialNexa.Functions.Tests.Telemetry;

/// <summary>
/// The spans of one call on the self-host, collected in memory: one trace from the webhook request through the
/// orchestration and its activities to the provider's HTTP request, and none of them holds a card, bank or tax number,
/// a secret or an approval token.
/// </summary>
public sealed class CallTraceTests
{
    private const string PaystackKey = "sk_test_trace0123456789abcdef";

    [Fact]
    public async Task OneCall_IsOneTrace_FromWebhookToTheLastProviderRequest_AndCarriesNoSensitiveValue()
    {
        await using var api = await LoopbackApi.StartAsync();
        var platforms = new FakePlatforms();
        platforms.AddPaystackCustomer("dana.whitfield@example.com");
        api.Handler = platforms.HandleAsync;
        var spans = new List<Activity>();
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
            ["Providers:Paystack:Mode"] = "Live",
            ["Providers:Paystack:BaseUrl"] = api.BaseUrl + "/paystack",
            ["Providers:Paystack:SecretKey"] = PaystackKey,
        };
        await using (var app = await TestApp.StartAsync(settings, configure: builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))))
        {
            var body = Encoding.UTF8.GetBytes(SensitiveDataLeakTests.Call("call_trace_1"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, "call_trace_1");
            await HandoffTestApp.DecideAsync(app.Http, "call_trace_1", approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_trace_1");
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
        }

        Activity[] collected;
        lock (spans)
        {
            collected = [.. spans];
        }

        // ASP.NET Core's activity source is process-wide, so webhooks other tests post at the same time are collected
        // too: this call's webhook span is the one whose trace holds a span tagged with its instance ID.
        var webhook = Assert.Single(collected, s => s.Kind == ActivityKind.Server
            && s.DisplayName.Contains("/api/dialnexa/webhook", StringComparison.Ordinal)
            && collected.Any(o => o.TraceId == s.TraceId && o.TagObjects.Any(t => "call_trace_1".Equals(t.Value as string, StringComparison.Ordinal))));
        var trace = collected.Where(s => s.TraceId == webhook.TraceId).ToList();
        Assert.Contains(trace, s => s.Source.Name == "DurableTask.Core" && s.DisplayName.Contains("CallHandoffOrchestrator", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name == "DurableTask.Core" && s.DisplayName.Contains("RedactCallActivity", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name == "DurableTask.Core" && s.DisplayName.Contains("ExecuteProviderActionActivity", StringComparison.Ordinal));
        // HttpClient's activity source is process-wide too: other tests' provider requests go to their own fakes, so
        // this call's requests are the ones sent to this test's loopback port.
        var paystackUrl = api.BaseUrl + "/paystack/";
        var providerRequests = collected.Where(s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string)?.StartsWith(paystackUrl, StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(providerRequests);
        Assert.All(providerRequests, s => Assert.Equal(webhook.TraceId, s.TraceId));

        var text = new StringBuilder();
        foreach (var span in collected)
        {
            text.AppendLine(span.DisplayName).AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects)
            {
                text.Append(tag.Key).Append('=').AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var spanEvent in span.Events)
            {
                text.AppendLine(spanEvent.Name);
                foreach (var tag in spanEvent.Tags)
                {
                    text.AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        SensitiveDataLeakTests.AssertNoSeeds("spans", text.ToString());
        Assert.DoesNotContain(PaystackKey, text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSender.Secret, text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/api/approvals/" + "ey", text.ToString(), StringComparison.Ordinal);
    }
}
