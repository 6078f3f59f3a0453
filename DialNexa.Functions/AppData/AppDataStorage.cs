using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using DialNexa.Functions.AppData.AzureStorage;
using DialNexa.Functions.AppData.Sqlite;

namespace DialNexa.Functions.AppData;

/// <summary>
/// Chooses the app data store from the same settings as the orchestration service, as the Functions host reads them:
/// <c>AzureWebJobsStorage</c> unset or <c>embedded</c> (and no identity settings) gives SQLite beside the embedded hub; a
/// connection string (<c>UseDevelopmentStorage=true</c> for Azurite) or an identity (<c>AzureWebJobsStorage__accountName</c>,
/// or <c>__tableServiceUri</c> and <c>__blobServiceUri</c>, with DefaultAzureCredential; <c>__clientId</c> picks a
/// user-assigned identity) gives Azure Tables and Blobs.
/// </summary>
internal static class AppDataStorage
{
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>True when the settings select the embedded SQLite stores.</summary>
    public static bool IsEmbedded(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration[StorageSetting];
        var embedded = string.IsNullOrWhiteSpace(storage) || string.Equals(storage.Trim(), "embedded", StringComparison.OrdinalIgnoreCase);
        return embedded && !HasIdentitySettings(configuration);
    }

    public static IAppDataStore Create(IConfiguration configuration, string dataDirectory, string hubName, string synchronous)
    {
        if (IsEmbedded(configuration))
        {
            return new SqliteAppDataStore(new SqliteAppDataOptions(Path.Combine(dataDirectory, "appdata.sqlite"), synchronous));
        }

        var (tables, blobs) = Clients(configuration);
        return new AzureAppDataStore(tables.GetTableClient(hubName + "AppData"), blobs.GetBlobContainerClient(ContainerName(hubName)));
    }

    /// <summary>The hub's app data blob container (Azure Storage only), which also holds the DataProtection key ring.</summary>
    public static BlobContainerClient BlobContainer(IConfiguration configuration, string hubName) => Clients(configuration).Blobs.GetBlobContainerClient(ContainerName(hubName));

    /// <summary>True for Azurite: the development account, or endpoints on this machine.</summary>
    public static bool IsDevelopmentStorage(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration[StorageSetting] ?? "";
        return storage.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || storage.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase);
    }

    private static string ContainerName(string hubName) => hubName.ToLowerInvariant() + "-appdata";

    private static (TableServiceClient Tables, BlobServiceClient Blobs) Clients(IConfiguration configuration)
    {
        var storage = configuration[StorageSetting];
        if (!string.IsNullOrWhiteSpace(storage) && !string.Equals(storage.Trim(), "embedded", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (new TableServiceClient(storage), new BlobServiceClient(storage));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"{StorageSetting} is not a storage connection string ({ex.GetType().Name}). Use UseDevelopmentStorage=true for Azurite, an account connection string, 'embedded', or the identity settings {StorageSetting}__accountName.", ex);
            }
        }

        var accountName = configuration[StorageSetting + ":accountName"];
        var tableUri = configuration[StorageSetting + ":tableServiceUri"] is { Length: > 0 } t ? new Uri(t) : AccountUri(accountName, "table", "tableServiceUri");
        var blobUri = configuration[StorageSetting + ":blobServiceUri"] is { Length: > 0 } b ? new Uri(b) : AccountUri(accountName, "blob", "blobServiceUri");
        var clientId = configuration[StorageSetting + ":clientId"];
        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId });
        return (new TableServiceClient(tableUri, credential), new BlobServiceClient(blobUri, credential));
    }

    private static Uri AccountUri(string? accountName, string service, string uriSetting) =>
        string.IsNullOrWhiteSpace(accountName)
            ? throw new InvalidOperationException($"Set {StorageSetting}__accountName, or {StorageSetting}__{uriSetting}, for identity-based Azure Storage.")
            : new Uri($"https://{accountName.Trim()}.{service}.core.windows.net");

    private static bool HasIdentitySettings(IConfiguration configuration) =>
        new[] { "accountName", "queueServiceUri", "tableServiceUri", "blobServiceUri" }.Any(name => !string.IsNullOrWhiteSpace(configuration[StorageSetting + ":" + name]));
}
