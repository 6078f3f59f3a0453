using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>The app with the orchestration's ports filled by hand-written fakes: Paystack live, the Slack channel recorded in dry run.</summary>
internal static class HandoffTestApp
{
    public const string KnownEmail = "dana.whitfield@example.com";

    /// <summary>The call ID of the dispute fixture.</summary>
    public const string DisputeCall = "call_7f3a9c21d4";

    public static async Task<(TestApp App, RecordingProvider Paystack, RecordingSlackPoster Slack)> StartAsync(Dictionary<string, string>? extra = null, string knownEmail = KnownEmail, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var slack = new RecordingSlackPoster();
        var (app, paystack) = await StartAsync(extra, knownEmail, slack, configure: configure);
        return (app, paystack, slack);
    }

    /// <summary>The same app with the real Slack channel (set it Live with <c>Providers:Slack:WebhookUrl</c> in <paramref name="extra"/>).</summary>
    public static Task<(TestApp App, RecordingProvider Paystack)> StartWithRealSlackAsync(Dictionary<string, string> extra, string knownEmail = KnownEmail, ILoggerProvider? logs = null) =>
        StartAsync(extra, knownEmail, slack: null, logs);

    private static async Task<(TestApp App, RecordingProvider Paystack)> StartAsync(Dictionary<string, string>? extra, string knownEmail, RecordingSlackPoster? slack, ILoggerProvider? logs = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var paystack = new RecordingProvider(ProviderName.Paystack, ProviderMode.Live, knownEmail);
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = await TestApp.StartAsync(settings, configure: builder =>
        {
            builder.Services.AddSingleton<ICallRedactor, FakeCallRedactor>();
            builder.Services.AddSingleton<IFactExtractor, FakeFactExtractor>();
            builder.Services.AddSingleton<IFinanceProvider>(paystack);
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            if (slack is not null)
            {
                builder.Services.AddSingleton<ISlackPoster>(slack);
            }

            configure?.Invoke(builder);
        });
        return (app, paystack);
    }

    /// <summary>Posts the dispute fixture (call <c>call_7f3a9c21d4</c>), signed, and waits until it asks finance for approval.</summary>
    public static async Task<JsonElement> PostDisputeAndWaitForApprovalAsync(HttpClient http)
    {
        await PostDisputeAsync(http);
        return await WaitForStageAsync(http, DisputeCall, "AwaitingApproval");
    }

    /// <summary>Posts the dispute fixture, signed, and waits until its handoff has finished (for calls that go to review).</summary>
    public static async Task<JsonElement> PostDisputeAndWaitForCompletionAsync(HttpClient http)
    {
        await PostDisputeAsync(http);
        return await WaitForCompletionAsync(http, DisputeCall);
    }

    private static async Task PostDisputeAsync(HttpClient http)
    {
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await WebhookSender.PostAsync(http, body, WebhookSender.Sign(body))).StatusCode);
    }

    public static Task<JsonElement> WaitForStageAsync(HttpClient http, string callId, string stage, int seconds = 30) =>
        Poll.CallStatusAsync(http, callId, status => status.GetProperty("stage").GetString() == stage, $"call {callId} reaching stage {stage}", seconds);

    /// <summary>Waits until the call waits for finance with its approval request (and links) in the status.</summary>
    public static Task<JsonElement> WaitForApprovalRequestAsync(HttpClient http, string callId, int seconds = 30) =>
        Poll.CallStatusAsync(
            http,
            callId,
            status => status.GetProperty("stage").GetString() == "AwaitingApproval" && status.GetProperty("approval").ValueKind == JsonValueKind.Object,
            $"call {callId} asking for approval",
            seconds);

    public static Task<JsonElement> WaitForCompletionAsync(HttpClient http, string callId, int seconds = 30) =>
        Poll.CallStatusAsync(http, callId, IsFinished, $"call {callId} finishing", seconds);

    /// <summary>Whether a call's status says its handoff has ended (completed, failed or terminated).</summary>
    public static bool IsFinished(JsonElement status) => status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated";

    /// <summary>A signed-ready <c>transfer_completed</c> delivery for a call: a later event with nothing to act on.</summary>
    public static byte[] TransferCompleted(string callId) =>
        System.Text.Encoding.UTF8.GetBytes("{\"event_type\":\"transfer_completed\",\"payload\":{\"call\":{\"id\":\"" + callId + "\",\"status\":\"completed\"},\"call_transfer\":{\"destination\":\"+14155550100\"}}}");

    public static Task<HttpResponseMessage> ResolveReviewAsync(HttpClient http, string instanceId, string resolvedBy = "ana@finance.example") =>
        http.PostAsJsonAsync($"/api/review/{instanceId}/resolve", new { resolvedBy });

    public static async Task WaitForRuntimeStatusAsync(HttpClient http, string callId, string runtimeStatus) =>
        await Poll.UntilAsync(async () => (await http.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}")).GetProperty("runtimeStatus").GetString() == runtimeStatus, $"call {callId} becoming {runtimeStatus}");

    public static Task<HttpResponseMessage> DecideAsync(HttpClient http, string callId, bool approved) =>
        http.PostAsync(
            $"/runtime/webhooks/durabletask/instances/{callId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
            JsonContent.Create(new FinanceApproval(approved, "finance.lead@example.com", approved ? "ok" : "no", DateTimeOffset.UtcNow)));
}
