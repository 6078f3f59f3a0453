using DialNexa.TestSupport;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using DialNexa.Functions.KeyRing;
using DialNexa.Functions.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.KeyRing;

/// <summary>The key ring on Azure Storage: one blob every instance shares, encrypted at rest with a wrapping key.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KeyRingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoInstancesOnOneBlob_EachDecryptsWhatTheOtherEncrypted_AndTheBlobHoldsNoKeyInTheClear()
    {
        var blob = await NewBlobAsync();
        var wrapper = new LocalRsaWrapper();
        using var first = Instance(blob, wrapper);
        using var second = Instance(blob, wrapper);

        var sealedByFirst = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("inbox").Protect("body one");

        Assert.Equal("body one", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("inbox").Unprotect(sealedByFirst));
        var stored = Encoding.UTF8.GetString((await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Contains("wrappedKeyEncryption", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
        Assert.True(wrapper.Wraps >= 1);
    }

    [Fact]
    public async Task ARingWrappedByOneKey_CannotBeReadWithAnother()
    {
        var blob = await NewBlobAsync();
        using var first = Instance(blob, new LocalRsaWrapper());
        var sealedText = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("inbox").Protect("secret body");

        using var stranger = Instance(blob, new LocalRsaWrapper());

        Assert.ThrowsAny<CryptographicException>(() => stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector("inbox").Unprotect(sealedText));
    }

    [Fact]
    public void AzureStorageWithoutAWrappingKey_StopsTheAppNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=dialnexa;AccountKey=c2VjcmV0LWtleS1ub3QtdG8tYmUtc2hvd24tYW55d2hlcmU=;EndpointSuffix=core.windows.net",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKeyRing(configuration, Path.GetTempPath(), "DialNexaHub"));

        Assert.Contains("DialNexa__DataProtection__KeyVaultKeyUri", error.Message, StringComparison.Ordinal);
    }

    private async Task<BlobClient> NewBlobAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("keyring-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync();
        return container.GetBlobClient("dataprotection/keys.xml");
    }

    private static ServiceProvider Instance(BlobClient blob, IKeyWrapper wrapper)
    {
        var services = new ServiceCollection();
        services.AddSingleton(wrapper);
        services.AddDataProtection().SetApplicationName("DialNexa.Functions");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new BlobXmlRepository(blob);
            o.XmlEncryptor = new WrappedKeyXmlEncryptor(wrapper);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Stands in for the Key Vault key: an RSA key held in memory, named like a Key Vault key ID.</summary>
    private sealed class LocalRsaWrapper : IKeyWrapper, IDisposable
    {
        private readonly RSA _rsa = RSA.Create(2048);
        private readonly string _keyId = "https://test-vault.vault.azure.net/keys/keyring/" + Guid.NewGuid().ToString("N");

        public int Wraps { get; private set; }

        public Task<(string KeyId, byte[] Wrapped)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken)
        {
            Wraps++;
            return Task.FromResult((_keyId, _rsa.Encrypt(dataKey, RSAEncryptionPadding.OaepSHA256)));
        }

        public Task<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken) =>
            keyId == _keyId ? Task.FromResult(_rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256)) : throw new CryptographicException("This wrapping key is not the one the ring was written with.");

        public void Dispose() => _rsa.Dispose();
    }
}
