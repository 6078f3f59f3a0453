using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The self-host's durable runtime: DurableTask.Core's worker over the orchestration service the settings choose, as
/// the Functions host chooses it: <c>AzureWebJobsStorage</c> unset or <c>embedded</c> gives the embedded SQLite service
/// under <c>DialNexa__DataDirectory</c>; Azurite, a connection string or an identity gives DurableTask.AzureStorage. The
/// app data store follows the same choice.
/// </summary>
internal static class DurableHostingExtensions
{
    public const string HubNameSetting = "extensions:durableTask:hubName";

    public static WebApplicationBuilder AddDurableRuntime(this WebApplicationBuilder builder, Action<DurableTaskRegistry> register)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration, builder.Environment);
        var hubName = configuration[HubNameSetting] is { Length: > 0 } hub ? hub : "DialNexaHub";
        var synchronous = configuration["extensions:durableTask:storageProvider:synchronous"] is { Length: > 0 } sync ? sync : "FULL";
        if (AppDataStorage.IsEmbedded(configuration))
        {
            var settings = new SqliteOrchestrationServiceSettings
            {
                DataDirectory = dataDirectory,
                TaskHubName = hubName,
                Synchronous = synchronous,
            };
            builder.Services.AddSingleton(_ => new SqliteOrchestrationService(settings));
            builder.Services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            builder.Services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
        }
        else
        {
            builder.Services.AddAzureStorageOrchestrationService(configuration);
        }

        builder.Services.AddDurableTaskSelfHost(register);
        builder.Services.AddSingleton<IDurableClientSource, SelfHostClientSource>();
        builder.Services.AddSingleton(_ => AppDataStorage.Create(configuration, dataDirectory, hubName, synchronous));
        builder.Services.AddHostedService<AppDataInitializer>();
        return builder;
    }

    public static WebApplication MapDurableManagement(this WebApplication app)
    {
        app.MapDurableTaskManagementApi().AddEndpointFilter<AdminKeyFilter>();
        return app;
    }
}
