using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// Posts to the finance channel's incoming webhook. The webhook URL is a credential: it is masked wherever a request is
/// shown, and no message or log carries it. A post is sent once per attempt (a POST is never retried blindly), with the
/// per-attempt timeout of <c>Providers__Slack__TimeoutSeconds</c>. Slack has no dedupe, so a post Slack confirmed (200)
/// is recorded in the outbox under the call and the message's key, and a later attempt that finds the record posts
/// nothing; records written when Slack was a provider use the same keys and count too. A refused or failed post is not
/// recorded: it comes back as worth another attempt (with Slack's Retry-After) or as refused for good, for the caller to
/// retry through the durable runtime. A post whose answer was lost may have reached the channel, so messages are
/// delivered at least once. In dry run the post is rendered into the result and not sent.
/// </summary>
internal sealed partial class SlackChannel(IOptions<SlackOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox, ILogger<SlackChannel> logger)
    : ISlackPoster
{
    /// <summary>Where posts would go when no webhook is known (dry run shows it masked).</summary>
    private const string DefaultWebhookBase = "https://hooks.slack.com/services/";

    /// <summary>The named HTTP client posts use (the name Slack's client had as a provider).</summary>
    private const string HttpClientName = "provider-Slack";

    /// <summary>Dry run renders with this client and never sends through it.</summary>
    private static readonly HttpClient RenderOnly = new();

    private readonly SlackOptions _settings = options.Value;
    private readonly SemaphoreSlim _transportGate = new(1, 1);
    private ProviderTransport? _transport;
    private ProviderTransport? _dryRunTransport;

    /// <summary>
    /// The outbox key of a message: "slack:" and its own key within the call, or, for a message without one, its kind
    /// and a token of its text (the keys Slack's posts were always recorded under).
    /// </summary>
    public static string OutboxKey(SlackMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.MessageKey is { Length: > 0 } key ? "slack:" + key : $"slack:{SlackPayload.KindName(message.Kind)}:{SlackPayload.StableToken(message.Text ?? "")}";
    }

    public async Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.Refused, Message = "A Slack message needs text." };
        }

        var post = new ProviderCall(HttpMethod.Post, "", SlackPayload.Of(message));
        if (_settings.Mode == ProviderMode.DryRun)
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.DryRun, Request = DryRunTransport().Render(post), Message = "Dry run: rendered, not sent." };
        }

        if (!_settings.IsConfigured)
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.NotConfigured, Message = $"{SlackOptions.WebhookUrlSetting} is not set.", SettingToFix = SlackOptions.WebhookUrlSetting };
        }

        var result = await SendOnceAsync(message, post, cancellationToken);
        if (result.Outcome is SlackPostOutcome.RetryLater or SlackPostOutcome.Refused or SlackPostOutcome.NotConfigured)
        {
            NotPosted(logger, message.CallId, message.MessageKey ?? SlackPayload.KindName(message.Kind), result.Outcome, result.Message ?? "no detail");
        }

        return result;
    }

    private async Task<SlackPostResult> SendOnceAsync(SlackMessage message, ProviderCall post, CancellationToken cancellationToken)
    {
        ProviderTransport transport;
        try
        {
            transport = await TransportAsync(cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.RetryLater, Message = ex.Message };
        }

        var key = OutboxKey(message);
        if (await outbox.IsClaimedAsync(message.CallId, key, cancellationToken))
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.AlreadyPosted, Request = transport.Render(post), Message = "This message was already posted for the call." };
        }

        ProviderReply reply;
        try
        {
            reply = await transport.SendAsync(post, cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return new SlackPostResult { Outcome = SlackPostOutcome.RetryLater, Request = transport.Render(post), Message = ex.Message };
        }

        if (reply.IsSuccess)
        {
            await outbox.TryClaimAsync(message.CallId, key, cancellationToken);
            return new SlackPostResult { Outcome = SlackPostOutcome.Posted, Request = reply.Request, Message = "Posted to Slack." };
        }

        // Slack answers incoming-webhook errors as plain text: invalid_payload (400), action_prohibited (403),
        // channel_not_found (404), channel_is_archived (410), rollup_error (500), and 429 with Retry-After.
        var why = $"Slack answered {reply.Status}: {Answer(reply)}";
        return reply.Status switch
        {
            400 => new SlackPostResult { Outcome = SlackPostOutcome.Refused, Request = reply.Request, Message = why },
            401 or 403 or 404 or 410 => new SlackPostResult
            {
                Outcome = SlackPostOutcome.NotConfigured,
                Request = reply.Request,
                Message = why + " (the webhook's channel or app refuses posts)",
                SettingToFix = SlackOptions.WebhookUrlSetting,
            },
            _ => new SlackPostResult { Outcome = SlackPostOutcome.RetryLater, Request = reply.Request, Message = why, RetryAfter = reply.RetryAfter },
        };
    }

    /// <summary>Slack's answer (already masked by the transport), clipped; an empty one says what is known.</summary>
    private static string Answer(ProviderReply reply)
    {
        var text = reply.Text.Trim();
        if (text.Length == 0)
        {
            return $"no error details in the response (HTTP {reply.Status})";
        }

        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private async Task<ProviderTransport> TransportAsync(CancellationToken cancellationToken)
    {
        if (_transport is not null)
        {
            return _transport;
        }

        await _transportGate.WaitAsync(cancellationToken);
        try
        {
            if (_transport is null)
            {
                var url = await secrets.ResolveAsync(_settings.WebhookUrl!, cancellationToken) ?? "";
                _transport = Build(new Uri(url), url, httpClients.CreateClient(HttpClientName));
            }

            return _transport;
        }
        finally
        {
            _transportGate.Release();
        }
    }

    /// <summary>Built once; dry run shows the webhook as https://hooks.slack.com/services/***.</summary>
    private ProviderTransport DryRunTransport() => _dryRunTransport ??= Build(new Uri(DefaultWebhookBase + ProviderTransport.Mask), ProviderTransport.Mask, RenderOnly);

    private ProviderTransport Build(Uri webhook, string secret, HttpClient http) =>
        new(http, webhook, new Dictionary<string, string>(), [], [secret], TimeSpan.FromSeconds(Math.Max(1, _settings.TimeoutSeconds)), _settings.MaxRetries);

    [LoggerMessage(2650, LogLevel.Warning, "Call {CallId}: the Slack message {Key} was not posted ({Outcome}): {Problem}")]
    private static partial void NotPosted(ILogger logger, string callId, string key, SlackPostOutcome outcome, string problem);
}
