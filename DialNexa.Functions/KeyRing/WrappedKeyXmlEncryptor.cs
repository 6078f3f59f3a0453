using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace DialNexa.Functions.KeyRing;

/// <summary>
/// Encrypts each DataProtection key element at rest with a fresh AES-256-GCM data key, wrapped by <see cref="IKeyWrapper"/>
/// (a Key Vault key): the key ring in storage is useless without the vault. Written here because the
/// Azure.Extensions.AspNetCore.DataProtection.Keys package is not served to this project.
/// </summary>
internal sealed class WrappedKeyXmlEncryptor(IKeyWrapper wrapper) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(dataKey, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var (keyId, wrapped) = wrapper.WrapAsync(dataKey, CancellationToken.None).GetAwaiter().GetResult();
        CryptographicOperations.ZeroMemory(dataKey);
        var element = new XElement(
            "wrappedKeyEncryption",
            new XAttribute("wrappingKey", keyId),
            new XElement("wrappedDataKey", Convert.ToBase64String(wrapped)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(WrappedKeyXmlDecryptor));
    }
}
