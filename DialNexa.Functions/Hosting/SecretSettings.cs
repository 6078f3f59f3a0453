using DialNexa.Functions.Approvals;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The settings that hold credentials. Each may be a Key Vault reference,
/// <c>@Microsoft.KeyVault(SecretUri=https://&lt;vault&gt;.vault.azure.net/secrets/&lt;name&gt;)</c>, which the app resolves at
/// start when the platform has not (<see cref="KeyVaultReferences"/>).
/// </summary>
internal static class SecretSettings
{
    /// <summary>Configuration keys (':'-separated; '*' is one section, such as a provider's name).</summary>
    public static IReadOnlyList<string> Patterns { get; } =
    [
        SettingNames.WebhookSecrets,
        SettingNames.AdminKey,
        $"{ApprovalsOptions.SectionName}:{nameof(ApprovalsOptions.SigningKeys)}",
        $"{ErasureOptions.SectionName}:{nameof(ErasureOptions.DigestKeys)}",
        $"{ApprovalsOptions.SectionName}:{nameof(ApprovalsOptions.Email)}:{nameof(ApprovalEmailOptions.Password)}",
        "Providers:*:SecretKey",
        "Providers:*:ApiKey",
        "Providers:*:AgentKey",
        "Providers:*:AccessToken",
        "Providers:*:WebhookUrl",
        "Providers:*:SigningSecret",
    ];

    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        return Patterns.Any(pattern =>
        {
            var expected = pattern.Split(':');
            return expected.Length == parts.Length
                && expected.Zip(parts).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

}
