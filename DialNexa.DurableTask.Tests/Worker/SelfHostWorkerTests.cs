using System.Collections.Concurrent;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.Worker;
using DialNexa.DurableTask.Tests.Infrastructure;
using IOrchestrationService = DurableTask.Core.IOrchestrationService;
using IOrchestrationServiceClient = DurableTask.Core.IOrchestrationServiceClient;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.Tests.Worker;

/// <summary>The worker's own duties: a DI scope per activity execution, concurrency from options, settings checked at start.</summary>
public sealed class SelfHostWorkerTests
{
    [Fact]
    public async Task Activity_EachExecution_ResolvesInItsOwnScopeDisposedAfterwards()
    {
        using var host = await StartAsync(services => services.AddScoped<ScopeProbe>());
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(TwoProbes));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        var ids = result.ReadOutputAs<Guid[]>()!;
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, probe => Assert.True(ScopeProbe.Disposed.ContainsKey(probe), "the activity's scope was not disposed"));
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_ConcurrencyOptions_LimitTheDispatchers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "3",
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = "5",
        }).Build();
        using var host = await StartAsync(services => services.AddSingleton<IConfiguration>(configuration));

        var dispatched = host.Services.GetRequiredService<DurableTaskSelfHostWorker>().DispatchedService!;

        Assert.Equal(3, dispatched.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(5, dispatched.MaxConcurrentTaskActivityWorkItems);
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_InvalidConcurrency_StopsTheHostNamingTheSetting()
    {
        var builder = Builder(services => services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = "0",
        }).Build()));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("extensions:durableTask:maxConcurrentActivityFunctions", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IHost> StartAsync(Action<IServiceCollection> configure)
    {
        var host = Builder(configure).Build();
        await host.StartAsync();
        return host;
    }

    private static HostApplicationBuilder Builder(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var service = new HistoryKeepingInMemoryService(new InMemoryOrchestrationService());
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        configure(builder.Services);
        builder.Services.AddDurableTaskSelfHost(registry =>
        {
            registry.AddActivity<ReadProbe>();
            registry.AddOrchestrator<TwoProbes>();
        });
        return builder;
    }

    public sealed class ScopeProbe : IDisposable
    {
        public static readonly ConcurrentDictionary<Guid, bool> Disposed = new();

        public Guid Id { get; } = Guid.NewGuid();

        public void Dispose() => Disposed[Id] = true;
    }

    public sealed class ReadProbe(ScopeProbe probe) : TaskActivity<object?, Guid>
    {
        public override Task<Guid> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(probe.Id);
    }

    public sealed class TwoProbes : TaskOrchestrator<object?, Guid[]>
    {
        public override async Task<Guid[]> RunAsync(TaskOrchestrationContext context, object? input) =>
        [
            await context.CallActivityAsync<Guid>(nameof(ReadProbe)),
            await context.CallActivityAsync<Guid>(nameof(ReadProbe)),
        ];
    }
}
