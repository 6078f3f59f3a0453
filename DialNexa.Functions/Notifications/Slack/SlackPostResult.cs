using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// The result of one attempt to post: how it ended, the request as sent (or as dry run would send it, the webhook URL
/// masked), Slack's answer or the failure, the least wait Slack asked for, and the setting to fix.
/// </summary>
public sealed record SlackPostResult
{
    public required SlackPostOutcome Outcome { get; init; }

    public RenderedRequest? Request { get; init; }

    /// <summary>What happened, for people: Slack's answer, the failure, or what was done. Never the webhook URL.</summary>
    public string? Message { get; init; }

    /// <summary>For <see cref="SlackPostOutcome.RetryLater"/>: the wait Slack asked for (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For <see cref="SlackPostOutcome.NotConfigured"/>: the setting to fix (<c>Providers__Slack__WebhookUrl</c>).</summary>
    public string? SettingToFix { get; init; }

    /// <summary>Whether a later attempt may still post it.</summary>
    public bool MayRetry => Outcome == SlackPostOutcome.RetryLater;
}
