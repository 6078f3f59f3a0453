using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Providers;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// The whole app as shipped (real redaction, extraction, matching and provider clients) with Paystack, Gusto and
/// Altoviz live against loopback fakes and Slack posting to the same fake, and one approver who reads times in New
/// York. Calls are posted as DialNexa sends them, with "Agent:/User:" transcripts.
/// </summary>
internal sealed class LiveProvidersApp : IAsyncDisposable
{
    public const string Approver = "alice@example.com";

    private LiveProvidersApp(TestApp app, LoopbackApi api, FakePlatforms platforms, FakeGusto gusto)
    {
        App = app;
        Api = api;
        Platforms = platforms;
        Gusto = gusto;
    }

    public TestApp App { get; }

    public LoopbackApi Api { get; }

    public FakePlatforms Platforms { get; }

    public FakeGusto Gusto { get; }

    /// <summary>The texts posted to Slack, in order.</summary>
    public ConcurrentQueue<string> SlackPosts { get; } = new();

    public static async Task<LiveProvidersApp> StartAsync(Dictionary<string, string>? extra = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var api = await LoopbackApi.StartAsync();
        var platforms = new FakePlatforms();
        var gusto = new FakeGusto();
        LiveProvidersApp? started = null;
        api.Handler = async (context, body) =>
        {
            var path = context.Request.Path.Value!;
            if (path.StartsWith("/gusto/", StringComparison.Ordinal))
            {
                await gusto.HandleAsync(context, body);
            }
            else if (path.StartsWith("/slack/", StringComparison.Ordinal))
            {
                started?.SlackPosts.Enqueue(JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!);
                await context.Response.WriteAsync("ok");
            }
            else
            {
                await platforms.HandleAsync(context, body);
            }
        };
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = Approver,
            ["DialNexa:Approvals:Approvers:0:Name"] = "Alice Finance",
            ["DialNexa:Approvals:Approvers:0:TimeZone"] = "America/New_York",
            ["DialNexa:Approvals:SigningKeys"] = "current-approval-signing-key-0123456789abcdef",
            ["DialNexa:Extraction:TimeZone"] = "America/New_York",
            ["Providers:Paystack:Mode"] = "Live",
            ["Providers:Paystack:BaseUrl"] = api.BaseUrl + "/paystack",
            ["Providers:Paystack:SecretKey"] = "sk_test_live_app_0123456789",
            ["Providers:Gusto:Mode"] = "Live",
            ["Providers:Gusto:BaseUrl"] = api.BaseUrl + "/gusto",
            ["Providers:Gusto:AccessToken"] = "gusto-test-token-0123456789",
            ["Providers:Gusto:CompanyId"] = FakeGusto.CompanyId,
            ["Providers:Altoviz:Mode"] = "Live",
            ["Providers:Altoviz:BaseUrl"] = api.BaseUrl + "/altoviz",
            ["Providers:Altoviz:ApiKey"] = "altoviz-test-key-0123456789",
            ["Providers:Slack:Mode"] = "Live",
            ["Providers:Slack:WebhookUrl"] = api.BaseUrl + "/slack/hook",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = await TestApp.StartAsync(settings, configure: configure);
        started = new LiveProvidersApp(app, api, platforms, gusto);
        return started;
    }

    /// <summary>A completed call as DialNexa posts it, the transcript given as "Agent:/User:" lines.</summary>
    public static byte[] Call(string callId, string transcript) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        event_type = "call_ended",
        payload = new
        {
            call = new
            {
                id = callId,
                direction = "inbound",
                from_number = "14155550142",
                status = "completed",
                initiated_at = "2026-03-05T16:02:11.512Z",
                duration_in_seconds = 60,
                transcript,
            },
        },
    });

    public async Task PostAsync(string callId, string transcript)
    {
        var body = Call(callId, transcript);
        var accepted = await WebhookSender.PostAsync(App.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>A refund for a caller known to Altoviz, new to Paystack (so the refund's customer is created there).</summary>
    public const string RefundTranscript =
        "Agent: Thanks for calling Northwind billing, this is Ava. How can I help?\n" +
        "User: Hi, this is Marcus Bell. I'd like a refund for invoice INV-30412, the $1,249.00 annual renewal. I asked for my money back last week.\n" +
        "Agent: I'm sorry about that. Which email is on the account?\n" +
        "User: It's marcus.bell@example.com.\n" +
        "Agent: Thank you. I'll request a refund of $1,249.00 for invoice INV-30412 and finance will confirm it by Friday.\n" +
        "User: Great, thanks.";

    /// <summary>An invoice to send again, for a known Paystack customer with no pending payment request for it.</summary>
    public const string ResendTranscript =
        "Agent: Thanks for calling Northwind billing, this is Ava. How can I help?\n" +
        "User: Hi, I'm Dana Whitfield. I never got the invoice INV-20931 for $249.00, could you send it again?\n" +
        "Agent: Of course. Which email should it go to?\n" +
        "User: dana.whitfield@example.com please.\n" +
        "Agent: I'll resend invoice INV-20931 to that address today.";

    /// <summary>A Gusto contractor who wants paper checks instead of direct deposit.</summary>
    public const string PaymentMethodTranscript =
        "Agent: Thanks for calling Northwind payroll, this is Ava. How can I help?\n" +
        "User: Hi, I'm Priya Raman, I'm a contractor. I'd like to change my payment method: please pay me by paper check instead of direct deposit from now on.\n" +
        "Agent: I can help with that. What email do you use with us?\n" +
        "User: priya.raman@example.com.\n" +
        "Agent: Thanks. I'll change your payment method to check; finance will confirm the change by Monday.";
}
