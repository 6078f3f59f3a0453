using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Configuration;

/// <summary>At start: a provider set to Live must have every credential it needs; the message names the missing setting.</summary>
internal sealed class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        var failures = new List<string>();
        foreach (var provider in Enum.GetValues<ProviderName>())
        {
            var settings = options.For(provider);
            if (settings.Mode == ProviderMode.Live && ProviderRequirements.MissingSetting(provider, settings) is { } missing)
            {
                failures.Add($"Providers:{provider}:Mode is Live but {missing} is not set (a value, or @Microsoft.KeyVault(SecretUri=...)). Set it, or set the mode to DryRun.");
            }

            if (settings.BaseUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                failures.Add($"Providers:{provider}:BaseUrl '{url}' is not an absolute URL.");
            }

            if (settings.CommitGraceSeconds is < 0 or > 86_400)
            {
                failures.Add($"Providers__{provider}__CommitGraceSeconds is {settings.CommitGraceSeconds}; it must be between 0 and 86400 seconds.");
            }

            if (provider == ProviderName.Slack && settings.WebhookUrl is { Length: > 0 } hook && !hook.StartsWith('@') && !Uri.TryCreate(hook, UriKind.Absolute, out _))
            {
                failures.Add("Providers:Slack:WebhookUrl is not an absolute URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
