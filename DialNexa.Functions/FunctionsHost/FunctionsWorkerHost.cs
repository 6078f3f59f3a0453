using Azure.Core.Serialization;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Hosting.Logging;
using DialNexa.Functions.Json;
using DialNexa.Functions.KeyRing;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>
/// The app as an Azure Functions isolated worker: the Functions host owns HTTP, the task hub (its Durable extension on
/// Azure Storage) and the schedules; this process runs the same handlers, orchestrator and activity classes the
/// self-host runs, as <c>[Function]</c> methods, with the same services and settings.
/// </summary>
internal static class FunctionsWorkerHost
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // host.json beside the worker carries the hub name the Durable extension uses; app settings override it.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        KeyVaultReferences.ResolveAtStart(builder.Configuration, new KeyVaultSecretResolver());

        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration, builder.Environment);
        var hubName = HubSettings.HubName(configuration);
        builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(AppJson.Options));
        builder.Services.AddSingleton<DataConverter>(new JsonDataConverter(AppJson.Options));
        builder.Services.AddSingleton<IDurableClientSource, FunctionsClientSource>();
        builder.Services.AddAppData(configuration, dataDirectory, hubName, HubSettings.Synchronous(configuration));
        builder.Services.AddKeyRing(configuration, dataDirectory, hubName);
        builder.Services.AddAppFeatures(configuration);
        builder.Services.AddFunctionsCallTracing(configuration);
        builder.Services.AddSafeLogging();
        return builder.Build();
    }
}
