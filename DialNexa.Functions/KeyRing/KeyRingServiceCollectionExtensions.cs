using Azure.Identity;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace DialNexa.Functions.KeyRing;

/// <summary>
/// Where the DataProtection key ring (which encrypts inbox bodies and recording URLs) lives. Embedded store: a folder,
/// <c>DialNexa__DataProtection__KeysDirectory</c> (default <c>keys</c> under the data directory). Azure Storage: one blob
/// in the hub's app data container, which every instance reads and which survives deployments, encrypted at rest with
/// the Key Vault key <c>DialNexa__DataProtection__KeyVaultKeyUri</c> (required, except on Azurite).
/// </summary>
internal static class KeyRingServiceCollectionExtensions
{

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory, string hubName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataProtection = services.AddDataProtection().SetApplicationName("DialNexa.Functions");
        if (AppDataStorage.IsEmbedded(configuration))
        {
            var keys = configuration[SettingNames.DataProtectionKeysDirectory] is { Length: > 0 } shared ? shared : Path.Combine(dataDirectory, "keys");
            OwnerOnlyFiles.CreateDirectory(keys);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
            return services;
        }

        var blob = AppDataStorage.BlobContainer(configuration, hubName).GetBlobClient("dataprotection/keys.xml");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobXmlRepository(blob));
        if (configuration[SettingNames.DataProtectionKeyVaultKeyUri] is { Length: > 0 } keyUri)
        {
            if (!Uri.TryCreate(keyUri, UriKind.Absolute, out var keyId) || keyId.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException($"DialNexa__DataProtection__KeyVaultKeyUri is not a Key Vault key URI (https://<vault>.vault.azure.net/keys/<name>).");
            }

            var clientId = configuration["AzureWebJobsStorage:clientId"];
            var wrapper = new KeyVaultKeyWrapper(keyId, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId }));
            services.AddSingleton<IKeyWrapper>(wrapper);
            services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new WrappedKeyXmlEncryptor(wrapper));
        }
        else if (!AppDataStorage.IsDevelopmentStorage(configuration))
        {
            throw new InvalidOperationException(
                "Set DialNexa__DataProtection__KeyVaultKeyUri to a Key Vault key (https://<vault>.vault.azure.net/keys/<name>) the app's identity may wrap and unwrap with: on Azure Storage the key ring that encrypts inbox bodies is kept in a blob and must be encrypted at rest.");
        }

        return services;
    }
}
