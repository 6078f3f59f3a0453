using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace DialNexa.Functions.KeyRing;

/// <summary>Reads what <see cref="WrappedKeyXmlEncryptor"/> wrote; DataProtection creates it with the app's services.</summary>
internal sealed class WrappedKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var wrapper = services.GetRequiredService<IKeyWrapper>();
        var keyId = (string?)encryptedElement.Attribute("wrappingKey") ?? throw new InvalidDataException("A key-ring entry names no wrapping key.");
        byte[] Read(string name) => Convert.FromBase64String((string?)encryptedElement.Element(name) ?? throw new InvalidDataException($"A key-ring entry has no {name}."));
        var dataKey = wrapper.UnwrapAsync(keyId, Read("wrappedDataKey"), CancellationToken.None).GetAwaiter().GetResult();
        var ciphertext = Read("ciphertext");
        var tag = Read("tag");
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(dataKey, tag.Length))
        {
            aes.Decrypt(Read("nonce"), ciphertext, tag, plaintext);
        }

        CryptographicOperations.ZeroMemory(dataKey);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
