using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.ManagementApi;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Json;
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
    public static WebApplicationBuilder AddDurableRuntime(this WebApplicationBuilder builder, Action<DurableTaskRegistry> register)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration, builder.Environment);
        var hubName = HubSettings.HubName(configuration);
        var synchronous = HubSettings.Synchronous(configuration);
        if (AppDataStorage.IsEmbedded(configuration))
        {
            var settings = new SqliteOrchestrationServiceSettings
            {
                DataDirectory = dataDirectory,
                TaskHubName = hubName,
                Synchronous = ParseSynchronous(synchronous),
                MaxDequeueCount = configuration.GetValue("extensions:durableTask:storageProvider:maxDequeueCount", 5),
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
        builder.Services.AddDurableTaskSelfHost(register);
        builder.Services.AddSingleton<IDurableClientSource, SelfHostClientSource>();
        builder.Services.AddAppData(configuration, dataDirectory, hubName, synchronous);
        return builder;
    }

    private static SqliteSynchronousMode ParseSynchronous(string value) => value.Trim().ToUpperInvariant() switch
    {
        "FULL" => SqliteSynchronousMode.Full,
        "NORMAL" => SqliteSynchronousMode.Normal,
        _ => throw new InvalidOperationException($"extensions__durableTask__storageProvider__synchronous is '{value}'; use FULL (a 2xx means the commit is on disk) or NORMAL."),
    };

    public static WebApplication MapDurableManagement(this WebApplication app)
    {
        app.MapDurableTaskManagementApi().AddEndpointFilter<AdminKeyFilter>().AddEndpointFilter<Handoff.CallPurgeFilter>();
        return app;
    }
}
