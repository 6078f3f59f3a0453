using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Providers;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Notifications.Slack;

/// <summary>Builds the real Slack channel over given settings, with an in-memory outbox and every log line kept.</summary>
internal static class SlackTestChannel
{
    public static (SlackChannel Channel, ProviderTestKit.MemoryOutbox Outbox, CapturingLoggerProvider Logs) Create(SlackOptions settings, ProviderTestKit.MemoryOutbox? outbox = null, Dictionary<string, string>? secrets = null)
    {
        outbox ??= new ProviderTestKit.MemoryOutbox();
        var logs = new CapturingLoggerProvider();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var channel = new SlackChannel(Microsoft.Extensions.Options.Options.Create(settings), new ProviderTestKit.PlainHttpClientFactory(), new ProviderTestKit.MapSecretResolver(secrets ?? []), outbox, loggers.CreateLogger<SlackChannel>());
        return (channel, outbox, logs);
    }

    public static SlackOptions Live(string webhookUrl) => new() { Mode = ProviderMode.Live, WebhookUrl = webhookUrl };

    /// <summary>An alert of call_1 with two link buttons.</summary>
    public static SlackMessage Alert(string? key = "alert:duplicate-charge") => new()
    {
        CallId = "call_1",
        Kind = SlackMessageKind.Alert,
        Text = "Duplicate charge on call call_1",
        MessageKey = key,
        Links = [new SlackLink("Approve", "https://app.example/api/approvals/t1"), new SlackLink("Status", "https://app.example/api/calls/call_1")],
    };

    public static SlackMessage ApprovalRequest(string requestId = "call_1:req") => Alert("approval-request") with { Kind = SlackMessageKind.ApprovalRequest, ApprovalRequestId = requestId };
}
