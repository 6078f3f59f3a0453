using DialNexa.Durable;
using DialNexa.Durable.Http;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Hosting;

/// <summary>Adds the durable engine to the app, with the store chosen like the Functions host does.</summary>
internal static class DurableHostingExtensions
{
    public const string StorageSetting = "AzureWebJobsStorage";

    public static WebApplicationBuilder AddDurableEngine(this WebApplicationBuilder builder, Action<DurableTaskRegistry> register)
    {
        var configuration = builder.Configuration;
        var storage = configuration[StorageSetting];
        var accountName = configuration[StorageSetting + ":accountName"];
        Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore> store;
        if (IsEmbedded(storage) && string.IsNullOrEmpty(accountName))
        {
            store = DurableTaskServiceCollectionExtensions.EmbeddedStore(DataDirectory.Resolve(configuration, builder.Environment));
        }
        else
        {
            store = (_, _) => throw new InvalidOperationException(
                $"{StorageSetting} points at Azure Storage, and this build has only the embedded store. Unset {StorageSetting} (or set it to 'embedded') to use SQLite under {DataDirectory.SettingName}.");
        }

        builder.Services.AddDurableTask(configuration, register, store);
        return builder;
    }

    public static WebApplication MapDurableManagement(this WebApplication app)
    {
        app.MapDurableManagementApi().AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    private static bool IsEmbedded(string? storage) =>
        string.IsNullOrWhiteSpace(storage) || string.Equals(storage.Trim(), "embedded", StringComparison.OrdinalIgnoreCase);
}
