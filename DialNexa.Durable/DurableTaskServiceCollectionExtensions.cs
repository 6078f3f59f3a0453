using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;
using DialNexa.Durable.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.Durable;

/// <summary>Registers the engine: options from host.json, the registry, the store, the client and the hosted worker.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    public static IServiceCollection AddDurableTask(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<DurableTaskRegistry> register,
        Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore> storeFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(register);
        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection(DurableTaskOptions.SectionName)).Validate(
            o => o.MaxConcurrentActivityFunctions > 0 && o.MaxConcurrentOrchestratorFunctions > 0,
            "extensions:durableTask:maxConcurrentActivityFunctions and maxConcurrentOrchestratorFunctions must be at least 1.").ValidateOnStart();
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton(sp => storeFactory(sp, sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value));
        services.AddSingleton<DurableTaskClient>();
        services.AddSingleton<DurableTaskWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }

    /// <summary>The embedded SQLite store under <paramref name="dataDirectory"/>, one file per hub.</summary>
    public static Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore> EmbeddedStore(string dataDirectory) =>
        (_, options) => new SqliteOrchestrationStore(new SqliteStoreOptions
        {
            DataDirectory = dataDirectory,
            HubName = options.HubName,
            Synchronous = options.StorageProvider.Synchronous,
        });

    /// <summary>The Azure Storage store on <paramref name="account"/>, tables and queues prefixed by the hub name.</summary>
    public static Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore> AzureStorageStore(StorageAccount account) =>
        (services, options) => new AzureStorageOrchestrationStore(
            new AzureStorageStoreOptions
            {
                Account = account,
                HubName = options.HubName,
                PartitionCount = options.StorageProvider.PartitionCount,
                ControlQueueVisibilityTimeout = options.StorageProvider.ControlQueueVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,
                MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
                LeaseInterval = options.StorageProvider.LeaseInterval,
                LocalActivities = options.StorageProvider.LocalActivities,
            },
            services.GetService<Microsoft.Extensions.Logging.ILogger<AzureStorageOrchestrationStore>>());
}
