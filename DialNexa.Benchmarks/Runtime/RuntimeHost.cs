using DialNexa.Benchmarks.Cli;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.Settings;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>
/// The runtime alone, as the app runs it but with the benchmark's own orchestrations: DurableTask.Core's
/// <see cref="TaskHubWorker"/> through the self-host (Microsoft.DurableTask classes, the self-host's client) over the
/// embedded SQLite provider or DurableTask.AzureStorage, configured from <c>extensions:durableTask</c> settings.
/// </summary>
internal sealed class RuntimeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _deleteHubOnDispose;

    private RuntimeHost(IHost host, bool deleteHubOnDispose)
    {
        _host = host;
        _deleteHubOnDispose = deleteHubOnDispose;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
        Service = host.Services.GetRequiredService<IOrchestrationService>();
    }

    public DurableTaskClient Client { get; }

    public IOrchestrationService Service { get; }

    /// <summary>The embedded provider (its commit counters), or null on Azure Storage.</summary>
    public SqliteOrchestrationService? Sqlite => Service as SqliteOrchestrationService;

    /// <summary>
    /// The embedded provider in <paramref name="directory"/>: synchronous=FULL unless <c>--set storageProvider:synchronous=NORMAL</c>;
    /// <c>maxConcurrentOrchestratorFunctions</c>, <c>maxConcurrentActivityFunctions</c> and
    /// <c>extendedSessionIdleTimeoutInSeconds</c> are the provider's own limits when set.
    /// </summary>
    public static Task<RuntimeHost> StartEmbeddedAsync(string directory, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var settings = options.Settings;
        var sqlite = new SqliteOrchestrationServiceSettings
        {
            DataDirectory = directory,
            TaskHubName = "Bench",
            Synchronous = options.Synchronous,
            MaxConcurrentOrchestrationWorkItems = Int(settings, "maxConcurrentOrchestratorFunctions") ?? 100,
            MaxConcurrentActivityWorkItems = Int(settings, "maxConcurrentActivityFunctions") ?? 100,
            ExtendedSessionIdleTimeout = Int(settings, "extendedSessionIdleTimeoutInSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(10),
        };
        return StartAsync(
            options.DurableTaskConfiguration,
            (services, _) =>
            {
                services.AddSingleton(sp => new SqliteOrchestrationService(sqlite, sp.GetRequiredService<ILoggerFactory>()));
                services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
                services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
                services.AddSingleton<IOrchestrationServicePurgeClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
                services.AddSingleton<IOrchestrationServiceQueryClient>(sp => sp.GetRequiredService<SqliteOrchestrationService>());
            },
            deleteHubOnDispose: false,
            cancellationToken);
    }

    /// <summary>
    /// DurableTask.AzureStorage on <paramref name="connectionString"/> in a hub of its own, configured as the app configures
    /// it (<c>AddAzureStorageOrchestrationService</c>) from <paramref name="settings"/> under <c>extensions:durableTask</c>.
    /// The hub is deleted when the host is disposed.
    /// </summary>
    public static Task<RuntimeHost> StartAzureStorageAsync(string connectionString, string hubName, IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken) =>
        StartAsync(
            [
                new("AzureWebJobsStorage", connectionString),
                new("extensions:durableTask:hubName", hubName),
                .. settings,
            ],
            (services, configuration) => services.AddAzureStorageOrchestrationService(configuration),
            deleteHubOnDispose: true,
            cancellationToken);

    /// <summary>Every instance's status and timestamps (no inputs or outputs), paged through the client.</summary>
    public async Task<List<OrchestrationMetadata>> AllInstancesAsync(CancellationToken cancellationToken)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { PageSize = 1000, FetchInputsAndOutputs = false }).WithCancellation(cancellationToken))
        {
            all.Add(instance);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        if (_deleteHubOnDispose)
        {
            await Service.DeleteAsync();
        }

        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    private static async Task<RuntimeHost> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> configuration,
        Action<IServiceCollection, IConfiguration> addOrchestrationService,
        bool deleteHubOnDispose,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        addOrchestrationService(builder.Services, builder.Configuration);
        builder.Services.AddDurableTaskSelfHost(registry => registry
            .AddOrchestrator<HelloSequence>()
            .AddOrchestrator<FanOut>()
            .AddOrchestrator<WaitForGo>()
            .AddActivity<SayHello>());
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RuntimeHost(host, deleteHubOnDispose);
    }

    private static int? Int(IReadOnlyDictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
}
