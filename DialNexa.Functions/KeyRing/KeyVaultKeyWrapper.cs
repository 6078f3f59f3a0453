using Azure.Core;
using Azure.Security.KeyVault.Keys.Cryptography;

namespace DialNexa.Functions.KeyRing;

/// <summary>Wraps data keys with an RSA key in Key Vault (RSA-OAEP-256); the app's identity needs wrap and unwrap on it.</summary>
internal sealed class KeyVaultKeyWrapper(Uri keyId, TokenCredential credential) : IKeyWrapper
{
    public async Task<(string KeyId, byte[] Wrapped)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken)
    {
        var result = await new CryptographyClient(keyId, credential).WrapKeyAsync(KeyWrapAlgorithm.RsaOaep256, dataKey, cancellationToken);
        return (result.KeyId, result.EncryptedKey);
    }

    public async Task<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken)
    {
        var result = await new CryptographyClient(new Uri(keyId), credential).UnwrapKeyAsync(KeyWrapAlgorithm.RsaOaep256, wrapped, cancellationToken);
        return result.Key;
    }
}
