namespace DialNexa.Functions.KeyRing;

/// <summary>Wraps and unwraps a data key with a key the app never holds (a Key Vault key).</summary>
public interface IKeyWrapper
{
    /// <summary>Names the wrapping key (its Key Vault key ID, with version), so an unwrap finds it after a rotation.</summary>
    Task<(string KeyId, byte[] Wrapped)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken);

    Task<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken);
}
