using DialNexa.Durable;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The real engine in-process on a store (SQLite in a temp folder by default); restartable on the same location.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DurableTaskWorker _worker;

    private DurableTestHost(ServiceProvider services, string dataDirectory)
    {
        _services = services;
        DataDirectory = dataDirectory;
        _worker = services.GetRequiredService<DurableTaskWorker>();
        Client = services.GetRequiredService<DurableTaskClient>();
        Store = services.GetRequiredService<IOrchestrationStore>();
    }

    /// <summary>The store's location: a folder (SQLite) or a hub name (Azure Storage).</summary>
    public string DataDirectory { get; }

    public DurableTaskClient Client { get; }

    public IOrchestrationStore Store { get; }

    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> register,
        string? dataDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IOrchestrationStore, IOrchestrationStore>? wrapStore = null,
        TestStore? store = null,
        Action<IServiceCollection>? addServices = null)
    {
        store ??= SqliteTestStore.Instance;
        var directory = dataDirectory ?? store.NewLocation();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        addServices?.Invoke(services);
        services.AddDurableTask(configuration, register, (sp, o) => wrapStore is null ? store.Open(sp, o, directory) : wrapStore(store.Open(sp, o, directory)));
        var provider = services.BuildServiceProvider();
        var host = new DurableTestHost(provider, directory);
        await host._worker.StartAsync(CancellationToken.None);
        return host;
    }

    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task WaitForCustomStatusAsync(string instanceId, string expected, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, false, timeout.Token);
            if (metadata?.ReadCustomStatusAs<string>() == expected)
            {
                return;
            }

            await Store.WaitForChangeAsync(instanceId, TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
