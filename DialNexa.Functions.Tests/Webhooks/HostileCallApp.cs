using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// The whole app with the real redaction and extraction (what an attacker's delivery meets), Paystack live through a
/// recording fake, Slack recorded in dry run, short waits so every call ends within a test, and every log line kept.
/// </summary>
internal static class HostileCallApp
{
    public const string KnownEmail = HandoffTestApp.KnownEmail;

    public static async Task<(TestApp App, RecordingProvider Paystack, RecordingSlackPoster Slack, CapturingLoggerProvider Logs)> StartAsync(Dictionary<string, string>? extra = null, IFinanceProvider? paystack = null)
    {
        var logs = new CapturingLoggerProvider();
        var recording = new RecordingProvider(ProviderName.Paystack, ProviderMode.Live, KnownEmail);
        var slack = new RecordingSlackPoster();
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
            ["DialNexa:Handoff:DetailsWait"] = "00:00:00.300",
            ["DialNexa:Handoff:ApprovalTimeout"] = "00:10:00",
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = await TestApp.StartAsync(settings, configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton<IFinanceProvider>(paystack ?? recording);
            builder.Services.AddSingleton<ISlackPoster>(slack);
        });
        return (app, recording, slack, logs);
    }

    /// <summary>A completed <c>call_ended</c> delivery of the current scheme with a dispute in it; <paramref name="change"/> edits <c>payload.call</c>.</summary>
    public static byte[] Dispute(string callId, Action<JsonObject>? change = null)
    {
        var turns = new JsonArray
        {
            new JsonObject { ["role"] = "assistant", ["content"] = "Thanks for calling billing. How can I help?" },
            new JsonObject { ["role"] = "user", ["content"] = "I was charged twice for invoice INV-20931, $249.00. My email is dana.whitfield@example.com." },
        };
        var call = new JsonObject
        {
            ["id"] = callId,
            ["direction"] = "inbound",
            ["from_number"] = "14155550142",
            ["status"] = "completed",
            ["agent_id"] = "agent_4471",
            ["initiated_at"] = "2026-03-05T16:02:11.512Z",
            ["transcript"] = turns.ToJsonString(),
            ["summary"] = "Caller reports a duplicate $249.00 charge on invoice INV-20931.",
            ["post_call_analysis"] = new JsonObject
            {
                ["intent"] = "dispute_charge",
                ["customer_email"] = KnownEmail,
                ["customer_name"] = "Dana Whitfield",
                ["invoice_number"] = "INV-20931",
                ["amount"] = "249.00",
                ["currency"] = "USD",
            },
        };
        change?.Invoke(call);
        return Encoding.UTF8.GetBytes(new JsonObject { ["event_type"] = "call_ended", ["payload"] = new JsonObject { ["call"] = call } }.ToJsonString());
    }

    public static JsonObject Analysis(JsonObject call) => call["post_call_analysis"]!.AsObject();

    public static async Task<HttpResponseMessage> PostAsync(TestApp app, byte[] body) =>
        await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

    /// <summary>Waits until the call's instance has ended, and returns its status.</summary>
    public static Task<JsonElement> WaitForEndAsync(TestApp app, string callId, int seconds = 30) =>
        HandoffTestApp.WaitForCompletionAsync(app.Http, callId, seconds);

    public static async Task<JsonElement> ReviewAsync(TestApp app) => await app.Http.GetFromJsonAsync<JsonElement>("/api/review");
}
