using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.ManagementApi;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Json;
using DialNexa.Functions.KeyRing;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Settings;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The self-host's durable runtime: DurableTask.Core's worker over the orchestration service the settings choose, as
/// the Functions host chooses it: <c>AzureWebJobsStorage</c> unset or <c>embedded</c> gives the embedded SQLite service
/// under <c>DialNexa__DataDirectory</c>; Azurite, a connection string or an identity gives DurableTask.AzureStorage. The
/// app data store follows the same choice.
/// </summary>
internal static class DurableHostingExtensions
{
    /// <summary>The embedded provider's orchestration work items at once, unless <c>storageProvider:maxConcurrentOrchestrationWorkItems</c> says otherwise.</summary>
    public const int DefaultEmbeddedOrchestrationWorkItems = 1000;

    private const string EmbeddedOrchestrationWorkItemsSetting = "extensions:durableTask:storageProvider:maxConcurrentOrchestrationWorkItems";

    public static WebApplicationBuilder AddDurableRuntime(this WebApplicationBuilder builder, Action<DurableTaskRegistry> register)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration, builder.Environment);
        var hubName = HubSettings.HubName(configuration);
        var synchronous = HubSettings.Synchronous(configuration);
        if (AppDataStorage.IsEmbedded(configuration))
        {
            // The hub, the app data and the key ring hold call data and keys: the folder is the app user's alone.
            OwnerOnlyFiles.CreateDirectory(dataDirectory);
            var settings = new SqliteOrchestrationServiceSettings
            {
                DataDirectory = dataDirectory,
                TaskHubName = hubName,
                Synchronous = ParseSynchronous(synchronous),
                MaxDequeueCount = configuration.GetValue("extensions:durableTask:storageProvider:maxDequeueCount", 5),
                MaxConcurrentOrchestrationWorkItems = EmbeddedOrchestrationWorkItems(configuration),
            };
            builder.Services.AddSingleton(sp => new SqliteOrchestrationService(settings, sp.GetRequiredService<ILoggerFactory>()));
            builder.Services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            builder.Services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            builder.Services.AddSingleton<IOrchestrationServicePurgeClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            builder.Services.AddSingleton<IOrchestrationServiceQueryClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
        }
        else
        {
            builder.Services.AddAzureStorageOrchestrationService(configuration);
        }

        builder.Services.AddSingleton<DataConverter>(new JsonDataConverter(AppJson.Options));
        // On the embedded store an orchestration work item is mostly an extended session waiting for its instance's next
        // message, and DurableTask.Core gives sessions to half the slots only: under host.json's
        // maxConcurrentOrchestratorFunctions (sized for the Functions host on Azure Storage) a busy host replayed most
        // episodes from the start (call-handoff benchmark: 7.4 of 11 episodes per call, a quarter more CPU and allocation
        // per call). So the embedded provider keeps its own limit; host.json's still applies to Azure Storage.
        builder.Services.AddDurableTaskSelfHost(register, AppDataStorage.IsEmbedded(configuration) ? options => options.MaxConcurrentOrchestratorFunctions = null : null);
        builder.Services.AddSingleton<IDurableClientSource, SelfHostClientSource>();
        builder.Services.AddAppData(configuration, dataDirectory, hubName, synchronous);
        builder.Services.AddKeyRing(configuration, dataDirectory, hubName);
        return builder;
    }

    private static int EmbeddedOrchestrationWorkItems(IConfiguration configuration)
    {
        var value = configuration[EmbeddedOrchestrationWorkItemsSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultEmbeddedOrchestrationWorkItems;
        }

        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 10_000
            ? limit
            : throw new InvalidOperationException($"extensions__durableTask__storageProvider__maxConcurrentOrchestrationWorkItems is '{value}'; use a whole number from 1 to 10000 (orchestrations the embedded store runs at once, half of them as extended sessions).");
    }

    private static SqliteSynchronousMode ParseSynchronous(string value) => value.Trim().ToUpperInvariant() switch
    {
        "FULL" => SqliteSynchronousMode.Full,
        "NORMAL" => SqliteSynchronousMode.Normal,
        _ => throw new InvalidOperationException($"extensions__durableTask__storageProvider__synchronous is '{value}'; use FULL (a 2xx means the commit is on disk) or NORMAL."),
    };

    public static WebApplication MapDurableManagement(this WebApplication app)
    {
        app.MapDurableTaskManagementApi().AddEndpointFilter<AdminKeyFilter>().AddEndpointFilter<CallPurgeFilter>();
        return app;
    }
}
