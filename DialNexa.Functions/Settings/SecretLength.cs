namespace DialNexa.Functions.Settings;

/// <summary>The minimum-length rule of secret settings, which a Key Vault reference meets before it is resolved.</summary>
internal static class SecretLength
{
    public static bool IsEnough(string secret, int minimum)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length >= minimum || secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
    }
}
