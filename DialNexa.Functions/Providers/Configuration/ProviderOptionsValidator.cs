using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Configuration;

/// <summary>At start: a provider set to Live must have every credential it needs; the message names the missing setting.</summary>
internal sealed class ProviderOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : ProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.Provider;
        var failures = new List<string>();
        if (options.Mode == ProviderMode.Live && options.MissingSetting() is { } missing)
        {
            failures.Add($"{ProviderOptions.SettingOf(provider, nameof(options.Mode))} is Live but {missing} is not set (a value, or @Microsoft.KeyVault(SecretUri=...)). Set it, or set the mode to DryRun.");
        }

        if (options.BaseUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"{ProviderOptions.SettingOf(provider, nameof(options.BaseUrl))} '{url}' is not an absolute URL.");
        }

        if (options.CommitGraceSeconds is < 0 or > 86_400)
        {
            failures.Add($"{ProviderOptions.SettingOf(provider, nameof(options.CommitGraceSeconds))} is {options.CommitGraceSeconds}; it must be between 0 and 86400 seconds.");
        }

        failures.AddRange(options.OwnProblems());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
