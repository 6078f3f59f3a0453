using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Slack;

/// <summary>
/// Slack incoming webhooks: alerts, and Block Kit approval messages with link buttons (each approver's page) and
/// Approve/Reject buttons answered at <c>/api/slack/interactions</c>. The webhook URL is a credential
/// and is masked; each message is posted once per call and text (the outbox remembers it), since Slack has no dedupe.
/// </summary>
public sealed class SlackProvider(IOptions<ProvidersOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Slack, options.Value.Slack, httpClients, secrets, outbox)
{
    public override IReadOnlyCollection<ProviderActionKind> SupportedActions { get; } = [ProviderActionKind.SlackAlert, ProviderActionKind.SlackApprovalRequest];

    protected override string DefaultBaseUrl => "https://hooks.slack.com/services/";

    protected override string? Validate(ProviderActionRequest request) =>
        string.IsNullOrWhiteSpace(request.Message) ? "A Slack message needs text." : null;

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) => PostCall(request);

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (!await Outbox.TryClaimAsync(request.CallId, $"slack:{request.Kind}:{StableToken(request.Message!)}", cancellationToken))
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, transport.Render(PostCall(request)), message: "This message was already posted for the call.");
        }

        var reply = await transport.SendAsync(PostCall(request), cancellationToken);
        return reply.IsSuccess
            ? Result(request, ProviderActionOutcome.Written, reply.Request, message: "Posted to Slack.")
            : Failure(request, reply, "WebhookUrl");
    }

    protected override Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken) =>
        Task.FromResult(new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "Slack holds no customers."));

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var url = resolved(Options.WebhookUrl) ?? "";
        return (new Dictionary<string, string>(), [], [url]);
    }

    /// <summary>The webhook URL is the endpoint; in dry run it renders as https://hooks.slack.com/services/***.</summary>
    protected override Uri BaseUrl(Func<string?, string?> resolved)
    {
        var url = resolved(Options.WebhookUrl);
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
