using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>
/// One self-host (the worker and the client of DialNexa.DurableTask.SelfHost) over one orchestration service, shared by
/// the conformance tests of one provider. A provider is added by deriving from this class and implementing
/// <see cref="AddOrchestrationServiceAsync"/>; nothing else here knows which provider runs.
/// </summary>
public abstract class ConformanceProvider : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => Host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    private IHost Host => _host ?? throw new InvalidOperationException("The self-host has not been started.");

    /// <summary>
    /// Registers the provider's <c>IOrchestrationService</c> and <c>IOrchestrationServiceClient</c> (the same object or
    /// two), with a task hub of its own for this test class.
    /// </summary>
    protected abstract Task AddOrchestrationServiceAsync(IServiceCollection services);

    /// <summary>
    /// Whether an event raised while a scheduled start (<c>StartAt</c>) keeps the instance Pending reaches the
    /// orchestration once it starts. DurableTask.AzureStorage drops it (its dispatcher discards messages for an instance
    /// whose history has no ExecutionStarted yet), as Durable Functions on Azure Storage does.
    /// </summary>
    public virtual bool KeepsEventsRaisedBeforeScheduledStart => true;

    /// <summary>
    /// How much earlier than its <c>StartAt</c> a scheduled instance may start. DurableTask.AzureStorage delays the start
    /// message with a queue visibility timeout, which Azure Storage counts in whole seconds (the fraction is dropped).
    /// </summary>
    public virtual TimeSpan ScheduledStartPrecision => TimeSpan.Zero;

    /// <summary>Releases what the provider started (a process, a folder); called after the host has stopped.</summary>
    protected virtual Task DisposeProviderAsync() => Task.CompletedTask;

    /// <summary>A client over the same orchestration service with other options (for example another dedupe default).</summary>
    public OrchestrationServiceDurableTaskClient CreateClient(DurableTaskSelfHostOptions options) => new(
        Services.GetRequiredService<global::DurableTask.Core.IOrchestrationServiceClient>(),
        Services.GetRequiredService<DataConverter>(),
        options);

    public async Task InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await AddOrchestrationServiceAsync(builder.Services);
        builder.Services.AddDurableTaskSelfHost(ConformanceOrchestrations.Register);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(stopping.Token);
            _host.Dispose();
        }

        await DisposeProviderAsync();
    }
}
