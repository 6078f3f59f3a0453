using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// Resolves, at start, every secret setting that is still a Key Vault reference (the Functions platform resolves them
/// before the app starts when it can; the self-host and a platform that could not, for lack of access, leave the
/// reference text). A reference that cannot be resolved stops the app with a message naming the setting: the literal
/// reference must never become a webhook secret, an admin key or an approval signing key.
/// </summary>
internal static class KeyVaultReferences
{
    public const string Prefix = "@Microsoft.KeyVault(";

    public static void ResolveAtStart(IConfigurationManager configuration, ISecretResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(resolver);
        var references = configuration.AsEnumerable()
            .Where(kv => kv.Value is { } value && value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && SecretSettings.IsSecret(kv.Key))
            .ToList();
        if (references.Count == 0)
        {
            return;
        }

        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        foreach (var (key, reference) in references)
        {
            try
            {
                var value = resolver.ResolveAsync(reference!.Trim(), CancellationToken.None).GetAwaiter().GetResult();
                if (string.IsNullOrEmpty(value) || value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{SettingNames.ForOperators(key)}: the Key Vault secret is empty.");
                    continue;
                }

                resolved[key] = value;
            }
#pragma warning disable CA1031 // Every failure is reported, naming its setting; none is allowed through.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{SettingNames.ForOperators(key)}: {ex.GetType().Name}: {FirstLine(ex.Message)}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException(
                "These settings are Key Vault references that could not be resolved; give the app's identity 'Key Vault Secrets User' on the vault, or fix the reference: " + string.Join(" ", failures));
        }

        configuration.AddInMemoryCollection(resolved);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
