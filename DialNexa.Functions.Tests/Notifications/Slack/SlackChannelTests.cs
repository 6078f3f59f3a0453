using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Providers;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Notifications.Slack;

/// <summary>
/// The Slack channel against a loopback fake of Slack's incoming webhook (127.0.0.1): a message is posted once however
/// often it is retried, a refused or failed post is reported for another attempt and never recorded as sent, dry run
/// records the post without sending it, and the webhook URL shows up nowhere.
/// </summary>
public sealed class SlackChannelTests
{
    private const string Secret = "secretpart";

    [Fact]
    public async Task Post_RetriedByTheRuntime_IsPostedOnce_AsBlockKit_WebhookUrlMasked()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (channel, outbox, _) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T000/B000/" + Secret));
        var message = SlackTestChannel.ApprovalRequest();

        var posted = await channel.PostAsync(message, CancellationToken.None);
        var retried = await channel.PostAsync(message, CancellationToken.None);

        Assert.Equal(SlackPostOutcome.Posted, posted.Outcome);
        Assert.Equal(SlackPostOutcome.AlreadyPosted, retried.Outcome);
        var sent = Assert.Single(api.Requests);
        Assert.Equal("/services/T000/B000/" + Secret, sent.PathAndQuery);
        Assert.True(outbox.Claims.ContainsKey("call_1|slack:approval-request"));
        var payload = JsonNode.Parse(sent.Body)!;
        Assert.Equal("Duplicate charge on call call_1", payload["text"]!.GetValue<string>());
        var button = payload["blocks"]![1]!["elements"]![0]!;
        Assert.Equal("https://app.example/api/approvals/t1", button["url"]!.GetValue<string>());
        Assert.Equal("primary", button["style"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(posted) + JsonSerializer.Serialize(retried), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_RecordedWhenSlackWasAProvider_IsNotPostedAgain()
    {
        await using var api = await LoopbackApi.StartAsync();
        api.Handler = (context, _) => context.Response.WriteAsync("ok");
        var outbox = new ProviderTestKit.MemoryOutbox();
        // The keys SlackProvider recorded: "slack:" + the message key, or, without one, the kind's old name and a token of the text.
        var keyless = SlackTestChannel.Alert(key: null);
        var token = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyless.Text)))[..16];
        await outbox.TryClaimAsync("call_1", "slack:alert:duplicate-charge", CancellationToken.None);
        await outbox.TryClaimAsync("call_1", "slack:SlackAlert:" + token, CancellationToken.None);
        var (channel, _, _) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T000/B000/" + Secret), outbox);

        Assert.Equal("slack:SlackAlert:" + token, SlackChannel.OutboxKey(keyless));
        Assert.Equal(SlackPostOutcome.AlreadyPosted, (await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None)).Outcome);
        Assert.Equal(SlackPostOutcome.AlreadyPosted, (await channel.PostAsync(keyless, CancellationToken.None)).Outcome);
        Assert.Empty(api.Requests);
    }

    /// <summary>Finding 16: a refused post was marked sent before it was posted, and never posted again.</summary>
    [Fact]
    public async Task RefusedOrRateLimitedPost_IsNotRecordedAsSent_TheNextAttemptPostsIt_AndNoneAfterThat()
    {
        await using var api = await LoopbackApi.StartAsync();
        var answers = new Queue<(int Status, string Body, string? RetryAfter)>([(500, "rollup_error", null), (429, "rate_limited", "7"), (200, "ok", null)]);
        var accepted = new List<string>();
        api.Handler = async (context, body) =>
        {
            var (status, text, retryAfter) = answers.Count > 0 ? answers.Dequeue() : (200, "ok", null);
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            if (status == 200)
            {
                accepted.Add(body);
            }

            await context.Response.WriteAsync(text);
        };
        var (channel, outbox, _) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T000/B000/" + Secret));
        var message = SlackTestChannel.Alert();

        var refused = await channel.PostAsync(message, CancellationToken.None);
        Assert.Equal(SlackPostOutcome.RetryLater, refused.Outcome);
        Assert.True(refused.MayRetry);
        Assert.Equal("Slack answered 500: rollup_error", refused.Message);
        Assert.Empty(outbox.Claims);
        var limited = await channel.PostAsync(message, CancellationToken.None);
        Assert.Equal(SlackPostOutcome.RetryLater, limited.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
        Assert.Equal(SlackPostOutcome.Posted, (await channel.PostAsync(message, CancellationToken.None)).Outcome);
        Assert.Equal(SlackPostOutcome.AlreadyPosted, (await channel.PostAsync(message, CancellationToken.None)).Outcome);
        Assert.Single(accepted);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task Timeout_IsRetryLater_NotRecorded_AndTheWebhookUrlIsInNoResultOrLog()
    {
        await using var api = await LoopbackApi.StartAsync();
        var slow = true;
        api.Handler = async (context, _) =>
        {
            if (slow)
            {
                await Task.Delay(TimeSpan.FromSeconds(4), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await context.Response.WriteAsync("ok");
        };
        var webhook = api.BaseUrl + "/services/T000/B000/" + Secret;
        var reference = "@Microsoft.KeyVault(SecretUri=https://vault.example/secrets/slack-webhook-url)";
        var (channel, outbox, logs) = SlackTestChannel.Create(new SlackOptions { Mode = ProviderMode.Live, WebhookUrl = reference, TimeoutSeconds = 1 }, secrets: new() { [reference] = webhook });

        var timedOut = await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None);

        Assert.Equal(SlackPostOutcome.RetryLater, timedOut.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(timedOut.Message));
        Assert.Empty(outbox.Claims);
        Assert.Contains(logs.Lines, l => l.Contains("alert:duplicate-charge", StringComparison.Ordinal) && l.Contains(nameof(SlackPostOutcome.RetryLater), StringComparison.Ordinal));
        slow = false;
        var later = await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None);
        Assert.Equal(SlackPostOutcome.Posted, later.Outcome);
        var shown = JsonSerializer.Serialize(timedOut) + JsonSerializer.Serialize(later) + string.Join('\n', logs.Lines);
        Assert.DoesNotContain(Secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/T000", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackUnreachable_IsRetryLater_WithoutTheWebhookUrl()
    {
        // Nothing listens on the discard port of loopback: the connection is refused.
        var (channel, outbox, logs) = SlackTestChannel.Create(SlackTestChannel.Live("http://127.0.0.1:9/services/T000/B000/" + Secret));

        var result = await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None);

        Assert.Equal(SlackPostOutcome.RetryLater, result.Outcome);
        Assert.Empty(outbox.Claims);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(result) + string.Join('\n', logs.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelGoneOrPayloadRefused_IsARefusalForGood_NamingWhatToFix()
    {
        await using var api = await LoopbackApi.StartAsync();
        var status = 404;
        api.Handler = async (context, _) =>
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 404 ? "channel_not_found" : "invalid_payload");
        };
        var (channel, outbox, logs) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T000/B000/" + Secret));
        var gone = await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None);
        Assert.Equal(SlackPostOutcome.NotConfigured, gone.Outcome);
        Assert.Equal("Providers__Slack__WebhookUrl", gone.SettingToFix);
        Assert.Contains("channel_not_found", gone.Message, StringComparison.Ordinal);
        status = 400;
        Assert.Equal(SlackPostOutcome.Refused, (await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None)).Outcome);
        Assert.Empty(outbox.Claims);
        Assert.DoesNotContain(Secret, string.Join('\n', logs.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveWithoutWebhook_IsNotConfigured_AndSendsNothing()
    {
        var (channel, _, _) = SlackTestChannel.Create(new SlackOptions { Mode = ProviderMode.Live });

        var result = await channel.PostAsync(SlackTestChannel.Alert(), CancellationToken.None);

        Assert.Equal(SlackPostOutcome.NotConfigured, result.Outcome);
        Assert.Equal("Providers__Slack__WebhookUrl", result.SettingToFix);
    }

    [Fact]
    public async Task DryRun_RecordsThePostItWouldSend_MaskedAndSendsNothing()
    {
        await using var api = await LoopbackApi.StartAsync();
        var (channel, outbox, _) = SlackTestChannel.Create(new SlackOptions { Mode = ProviderMode.DryRun, WebhookUrl = api.BaseUrl + "/services/real-hook/" + Secret });

        var result = await channel.PostAsync(SlackTestChannel.ApprovalRequest(), CancellationToken.None);

        Assert.Equal(SlackPostOutcome.DryRun, result.Outcome);
        var recorded = Assert.IsType<RenderedRequest>(result.Request);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("https://hooks.slack.com/services/***", recorded.Url);
        var body = JsonNode.Parse(recorded.Body!)!;
        Assert.Equal("Duplicate charge on call call_1", body["text"]!.GetValue<string>());
        Assert.Equal(SlackApprovalMessages.DecisionBlockId, body["blocks"]![2]!["block_id"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(result), StringComparison.Ordinal);
        Assert.DoesNotContain("real-hook", JsonSerializer.Serialize(result), StringComparison.Ordinal);
        Assert.Empty(api.Requests);
        Assert.Empty(outbox.Claims);
    }

    [Fact]
    public void Validator_LiveWithoutWebhook_NamesTheExactSetting_AndTheDefaultsPass()
    {
        var validator = new SlackOptionsValidator();

        var live = validator.Validate(null, new SlackOptions { Mode = ProviderMode.Live });
        var notAUrl = validator.Validate(null, new SlackOptions { WebhookUrl = "hooks.slack.com/services/x" });

        Assert.True(live.Failed);
        Assert.Contains("Providers__Slack__Mode is Live but Providers__Slack__WebhookUrl is not set", live.FailureMessage, StringComparison.Ordinal);
        Assert.True(notAUrl.Failed);
        Assert.Contains("Providers__Slack__WebhookUrl is not an absolute URL.", notAUrl.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new SlackOptions()).Succeeded);
    }

    [Fact]
    public async Task MessageWithoutText_IsRefused_AndSendsNothing()
    {
        await using var api = await LoopbackApi.StartAsync();
        var (channel, _, _) = SlackTestChannel.Create(SlackTestChannel.Live(api.BaseUrl + "/services/T000/B000/" + Secret));

        var result = await channel.PostAsync(SlackTestChannel.Alert() with { Text = " " }, CancellationToken.None);

        Assert.Equal(SlackPostOutcome.Refused, result.Outcome);
        Assert.Empty(api.Requests);
    }
}
