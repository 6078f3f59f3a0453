using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// How the Slack channel posts (section <c>Providers:Slack</c>, shared with <see cref="SlackInteractivityOptions"/>):
/// the incoming-webhook URL, dry run or live, and the HTTP limits. The names are the ones Slack had as a provider, so
/// existing settings keep their meaning.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Providers:Slack";

    /// <summary>DryRun (default: messages are rendered and recorded, never sent) or Live.</summary>
    public ProviderMode Mode { get; set; } = ProviderMode.DryRun;

    /// <summary>Incoming-webhook URL (itself a credential): a value or a Key Vault reference.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Checked to be an absolute URL when set; posts always go to <see cref="WebhookUrl"/>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Per-attempt timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of requests that are safe to repeat; a post is not one, so it is sent once per attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Checked to lie between 0 and 86400; a post keeps no pending marker, so it has no commit grace to wait out.</summary>
    public int CommitGraceSeconds { get; set; } = 60;

    /// <summary>A Slack setting as an operator sets it (<c>Providers__Slack__WebhookUrl</c>).</summary>
    public static string SettingOf(string setting) => "Providers__Slack__" + setting;

    /// <summary>The webhook setting, named when it is missing or Slack refuses the channel.</summary>
    public static string WebhookUrlSetting => SettingOf(nameof(WebhookUrl));

    /// <summary>Whether posts can be sent: the webhook URL is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);
}
