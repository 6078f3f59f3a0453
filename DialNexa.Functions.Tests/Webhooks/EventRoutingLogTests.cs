using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Tests.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Webhooks;

public sealed class EventRoutingLogTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
        ["Logging:LogLevel:DialNexa.Webhooks"] = "Information",
    };

    [Theory]
    [InlineData("call_initiated", "nothing to hand off")]
    [InlineData("call_recording_ready", "does not act on this event")]
    public async Task Post_IgnoredEvent_IsLoggedOnceWithItsNameAndWhy(string eventType, string reason)
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(Settings, configure: builder => builder.Logging.AddProvider(logs));
        var body = Encoding.UTF8.GetBytes("{\"event_type\":\"" + eventType + "\",\"payload\":{\"call\":{\"id\":\"call_ignored_1\",\"status\":\"initiated\"}}}");

        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var line = Assert.Single(logs.Lines, l => l.Contains("ignored", StringComparison.Ordinal) && l.Contains(eventType, StringComparison.Ordinal));
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CallCompleted_IsACallEndAndStartsTheHandoff()
    {
        const string callId = "call_completed_named";
        await using var app = await TestApp.StartAsync(Settings);
        var text = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"))
            .Replace("\"event_type\": \"call_ended\"", "\"event_type\": \"call.completed\"", StringComparison.Ordinal)
            .Replace("call_7f3a9c21d4", callId, StringComparison.Ordinal);
        Assert.Contains("\"call.completed\"", text, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);

        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(callId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var instance = await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(callId);
        Assert.Equal("CallHandoffOrchestrator", instance?.Name);
    }

    [Fact]
    public async Task Post_LegacyCallCompletedWithoutSession_IsRefusedAsACallEndNotIgnored()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = Encoding.UTF8.GetBytes("""{"event":"call.completed","timestamp":"2026-09-01T10:00:00Z"}""");

        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("session_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
