using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace DialNexa.Functions.Providers.Configuration;

/// <summary>
/// Resolves <c>@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/name[/version])</c> (the Functions
/// convention) with DefaultAzureCredential; each secret is read once and kept (a failed read is not kept). Other values
/// pass through unchanged.
/// </summary>
internal sealed partial class KeyVaultSecretResolver : ISecretResolver
{
    private readonly ConcurrentDictionary<string, Task<string?>> _cache = new(StringComparer.Ordinal);
    private readonly Lazy<DefaultAzureCredential> _credential = new(() => new DefaultAzureCredential());
    private readonly Func<Uri, string, string?, CancellationToken, Task<string?>> _readSecret;

    public KeyVaultSecretResolver()
    {
        _readSecret = ReadFromVaultAsync;
    }

    /// <summary>For tests: reads a secret (vault, name, version) some other way than from Azure.</summary>
    internal KeyVaultSecretResolver(Func<Uri, string, string?, CancellationToken, Task<string?>> readSecret)
    {
        _readSecret = readSecret;
    }

    public Task<string?> ResolveAsync(string? setting, CancellationToken cancellationToken)
    {
        if (setting is null || !setting.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(setting);
        }

        return ResolveOnceAsync(setting, cancellationToken);
    }

    /// <summary>A secret read is kept; a failed read is not, so the next use asks the vault again.</summary>
    private async Task<string?> ResolveOnceAsync(string reference, CancellationToken cancellationToken)
    {
        var read = _cache.GetOrAdd(reference, r => ReadAsync(r, cancellationToken));
        try
        {
            return await read;
        }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, Task<string?>>(reference, read));
            throw;
        }
    }

    private async Task<string?> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var match = SecretUriPattern().Match(reference);
        if (!match.Success || !Uri.TryCreate(match.Groups[1].Value, UriKind.Absolute, out var secretUri) || secretUri.Segments.Length < 3)
        {
            throw new InvalidOperationException("A Key Vault reference must look like @Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>[/<version>]).");
        }

        var name = secretUri.Segments[2].TrimEnd('/');
        var version = secretUri.Segments.Length > 3 ? secretUri.Segments[3].TrimEnd('/') : null;
        return await _readSecret(new Uri($"{secretUri.Scheme}://{secretUri.Authority}"), name, version, cancellationToken);
    }

    private async Task<string?> ReadFromVaultAsync(Uri vault, string name, string? version, CancellationToken cancellationToken)
    {
        var client = new SecretClient(vault, _credential.Value);
        var secret = await client.GetSecretAsync(name, version, cancellationToken);
        return secret.Value.Value;
    }

    [GeneratedRegex(@"SecretUri=([^)\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretUriPattern();
}
