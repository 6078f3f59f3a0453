using Azure.Identity;
using DialNexa.Durable;
using DialNexa.Durable.Http;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;

namespace DialNexa.Functions.Hosting;

/// <summary>Adds the durable engine to the app, with the store chosen like the Functions host does.</summary>
internal static class DurableHostingExtensions
{
    public const string StorageSetting = "AzureWebJobsStorage";

    public static WebApplicationBuilder AddDurableEngine(this WebApplicationBuilder builder, Action<DurableTaskRegistry> register)
    {
        var store = SelectStore(builder.Configuration, builder.Environment);
        builder.Services.AddDurableTask(builder.Configuration, register, store);
        return builder;
    }

    /// <summary>
    /// <c>AzureWebJobsStorage</c> unset or <c>embedded</c> (and no identity-based settings): the embedded SQLite store under
    /// <c>DialNexa:DataDirectory</c>. A connection string (<c>UseDevelopmentStorage=true</c> for Azurite, or account name
    /// and key): Azure Storage with Shared Key. <c>AzureWebJobsStorage__accountName</c> (or <c>__queueServiceUri</c> and
    /// <c>__tableServiceUri</c>): Azure Storage with an Entra ID token from DefaultAzureCredential (<c>__clientId</c> picks a
    /// user-assigned managed identity). A bad setting stops the host at start with a message naming it.
    /// </summary>
    internal static Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore> SelectStore(IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = configuration[StorageSetting];
        var accountName = configuration[StorageSetting + ":accountName"];
        var queueServiceUri = configuration[StorageSetting + ":queueServiceUri"];
        var tableServiceUri = configuration[StorageSetting + ":tableServiceUri"];
        var identityBased = !string.IsNullOrWhiteSpace(accountName) || !string.IsNullOrWhiteSpace(queueServiceUri) || !string.IsNullOrWhiteSpace(tableServiceUri);
        if (IsEmbedded(storage) && !identityBased)
        {
            return DurableTaskServiceCollectionExtensions.EmbeddedStore(DataDirectory.Resolve(configuration, environment));
        }

        StorageAccount account;
        try
        {
            if (!string.IsNullOrWhiteSpace(storage) && !IsEmbedded(storage))
            {
                account = StorageAccount.Parse(storage, StorageSetting);
            }
            else
            {
                var clientId = configuration[StorageSetting + ":clientId"];
                var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId });
                account = StorageAccount.FromIdentity(accountName, queueServiceUri, tableServiceUri, credential, StorageSetting);
            }
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(ex.Message + $" (Unset {StorageSetting} or set it to 'embedded' to use the embedded SQLite store.)", ex);
        }

        return DurableTaskServiceCollectionExtensions.AzureStorageStore(account);
    }

    public static WebApplication MapDurableManagement(this WebApplication app)
    {
        app.MapDurableManagementApi().AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    private static bool IsEmbedded(string? storage) =>
        string.IsNullOrWhiteSpace(storage) || string.Equals(storage.Trim(), "embedded", StringComparison.OrdinalIgnoreCase);
}
