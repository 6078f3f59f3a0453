using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Slack;

/// <summary>Slack's settings (<c>Providers:Slack</c>): the incoming-webhook URL messages are posted to.</summary>
public sealed class SlackOptions : ProviderOptions
{
    /// <summary>Incoming-webhook URL (itself a credential).</summary>
    public string? WebhookUrl { get; set; }

    public override ProviderName Provider => ProviderName.Slack;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(WebhookUrl), WebhookUrl)];

    public override IReadOnlyList<string?> Credentials => [WebhookUrl];

    public override IEnumerable<string> OwnProblems()
    {
        if (WebhookUrl is { Length: > 0 } hook && !hook.StartsWith('@') && !Uri.TryCreate(hook, UriKind.Absolute, out _))
        {
            yield return $"{SettingOf(Provider, nameof(WebhookUrl))} is not an absolute URL.";
        }
    }
}
