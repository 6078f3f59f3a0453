using System.Text.Json.Nodes;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Slack;

/// <summary>
/// Slack incoming webhooks: alerts, and Block Kit approval messages with link buttons (each approver's page) and
/// Approve/Reject buttons answered at <c>/api/slack/interactions</c>. The webhook URL is a credential and is masked.
/// Slack has no dedupe, so a message is recorded in the outbox under its key once Slack confirmed the post (200), and
/// a later attempt that finds the record posts nothing. A refused or failed post is not recorded: it is reported
/// (Transient when Slack may take it later, with its Retry-After; Invalid or NotConfigured when it never will) for the
/// handoff to retry through the durable runtime. A post whose answer was lost may have reached the channel, so
/// messages are delivered at least once.
/// </summary>
public sealed class SlackProvider(IOptions<SlackOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Slack, options.Value, httpClients, secrets, outbox)
{
    private readonly SlackOptions _settings = options.Value;

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.SlackAlert, ProviderActionKind.SlackApprovalRequest];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://hooks.slack.com/services/";

    /// <summary>Posts are recorded once confirmed (<see cref="IActionOutbox.TryClaimAsync"/>); they keep no pending markers.</summary>
    protected override bool GuardsWrites => false;

    /// <summary>The outbox key of a message: its own key within the call, or one derived from its kind and text.</summary>
    public static string OutboxKey(ProviderActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.MessageKey is { Length: > 0 } key ? "slack:" + key : $"slack:{request.Kind}:{StableToken(request.Message ?? "")}";
    }

    protected override string? Validate(ProviderActionRequest request) =>
        string.IsNullOrWhiteSpace(request.Message) ? "A Slack message needs text." : null;

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) => PostCall(request);

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        var key = OutboxKey(request);
        if (await Outbox.IsClaimedAsync(request.CallId, key, cancellationToken))
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, transport.Render(PostCall(request)), message: "This message was already posted for the call.");
        }

        ProviderReply reply;
        try
        {
            reply = await transport.SendAsync(PostCall(request), cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            return Result(request, ProviderActionOutcome.Transient, transport.Render(PostCall(request)), message: ex.Message);
        }

        if (reply.IsSuccess)
        {
            await Outbox.TryClaimAsync(request.CallId, key, cancellationToken);
            return Result(request, ProviderActionOutcome.Written, reply.Request, message: "Posted to Slack.");
        }

        // Slack answers incoming-webhook errors as plain text: invalid_payload (400), action_prohibited (403),
        // channel_not_found (404), channel_is_archived (410), rollup_error (500), and 429 with Retry-After.
        var why = $"Slack answered {reply.Status}: {ErrorMessage(reply)}";
        return reply.Status switch
        {
            400 => Result(request, ProviderActionOutcome.Invalid, reply.Request, message: why),
            401 or 403 or 404 or 410 => Result(request, ProviderActionOutcome.NotConfigured, reply.Request, message: why + " (the webhook's channel or app refuses posts)", settingToFix: ProviderOptions.SettingOf(ProviderName.Slack, nameof(SlackOptions.WebhookUrl))),
            _ => Result(request, ProviderActionOutcome.Transient, reply.Request, message: why, retryAfter: reply.RetryAfter),
        };
    }

    protected override Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken) =>
        Task.FromResult(new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "Slack holds no customers."));

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var url = resolved(_settings.WebhookUrl) ?? "";
        return (new Dictionary<string, string>(), [], [url]);
    }

    /// <summary>The webhook URL is the endpoint; in dry run it renders as https://hooks.slack.com/services/***.</summary>
    protected override Uri BaseUrl(Func<string?, string?> resolved)
    {
        var url = resolved(_settings.WebhookUrl);
        return url is null || url == ProviderTransport.Mask ? new Uri(DefaultBaseUrl + ProviderTransport.Mask) : new Uri(url);
    }

    /// <summary>The message: text as fallback, a section, and one link button per link (approval links first).</summary>
    private static ProviderCall PostCall(ProviderActionRequest request)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(request.Message!, 2900) },
            },
        };
        if (request.Links.Count > 0)
        {
            var elements = new JsonArray();
            foreach (var (link, index) in request.Links.Take(5).Select((l, i) => (l, i)))
            {
                var button = new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = $"link_{index}",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(link.Label, 75) },
                    ["url"] = link.Url,
                };
                if (request.Kind == ProviderActionKind.SlackApprovalRequest && index == 0)
                {
                    button["style"] = "primary";
                }

                elements.Add(button);
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "dialnexa_" + StableToken(request.DedupeKey), ["elements"] = elements });
        }

        if (request.Kind == ProviderActionKind.SlackApprovalRequest && request.ApprovalRequestId is { } requestId)
        {
            blocks.Add(SlackApprovalMessages.DecisionButtons(requestId));
        }

        return new ProviderCall(HttpMethod.Post, "", new JsonObject { ["text"] = Truncate(request.Message!, 3000), ["blocks"] = blocks });
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
