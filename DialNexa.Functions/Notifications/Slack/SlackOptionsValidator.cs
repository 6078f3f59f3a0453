using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>At start: a live channel needs its webhook URL, and every URL and limit must make sense; each message names its setting.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Mode == Providers.ProviderMode.Live && !options.IsConfigured)
        {
            failures.Add($"{SlackOptions.SettingOf(nameof(options.Mode))} is Live but {SlackOptions.WebhookUrlSetting} is not set (a value, or @Microsoft.KeyVault(SecretUri=...)). Set it, or set the mode to DryRun.");
        }

        if (options.BaseUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"{SlackOptions.SettingOf(nameof(options.BaseUrl))} '{url}' is not an absolute URL.");
        }

        if (options.CommitGraceSeconds is < 0 or > 86_400)
        {
            failures.Add($"{SlackOptions.SettingOf(nameof(options.CommitGraceSeconds))} is {options.CommitGraceSeconds}; it must be between 0 and 86400 seconds.");
        }

        if (options.WebhookUrl is { Length: > 0 } hook && !hook.StartsWith('@') && !Uri.TryCreate(hook, UriKind.Absolute, out _))
        {
            failures.Add($"{SlackOptions.WebhookUrlSetting} is not an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
