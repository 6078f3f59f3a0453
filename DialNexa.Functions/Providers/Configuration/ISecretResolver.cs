namespace DialNexa.Functions.Providers.Configuration;

/// <summary>Turns a setting into its secret: a plain value as is, a Key Vault reference by reading the vault.</summary>
public interface ISecretResolver
{
    Task<string?> ResolveAsync(string? setting, CancellationToken cancellationToken);
}
