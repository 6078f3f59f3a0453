using System.Diagnostics;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// Runs DurableTask.Core's <see cref="TaskHubWorker"/> over the registered <see cref="IOrchestrationService"/> with
/// every orchestrator and activity of the <see cref="DurableTaskRegistry"/>, wrapped by Microsoft.DurableTask's
/// <see cref="DurableTaskShimFactory"/>. Creates the task hub if it does not exist, and on stop lets the work items in
/// progress finish unless the host's shutdown timeout runs out.
/// </summary>
internal sealed class DurableTaskSelfHostWorker(
    IOrchestrationService service,
    DurableTaskRegistry registry,
    DataConverter dataConverter,
    IOptions<DurableTaskSelfHostOptions> options,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DurableTaskSelfHostWorker>();
    private TaskHubWorker? _worker;

    /// <summary>The orchestration service the dispatchers use (with this host's concurrency limits applied).</summary>
    internal IOrchestrationService? DispatchedService { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var shimFactory = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = dataConverter }, loggerFactory);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();

        var orchestrators = registry.GetOrchestrators().ToDictionary(
            entry => entry.Key.Name,
            entry => (Func<TaskOrchestration>)(() => new SelfHostTaskOrchestration(entry.Key, entry.Value, services, shimFactory)),
            StringComparer.OrdinalIgnoreCase);
        var activities = registry.GetActivities().ToDictionary(
            entry => entry.Key.Name,
            entry => (Func<TaskActivity>)(() => new ScopedTaskActivity(entry.Key, entry.Value, scopes, shimFactory)),
            StringComparer.OrdinalIgnoreCase);

        var maxOrchestrations = settings.MaxConcurrentOrchestratorFunctions ?? service.MaxConcurrentTaskOrchestrationWorkItems;
        var maxActivities = settings.MaxConcurrentActivityFunctions ?? service.MaxConcurrentTaskActivityWorkItems;
        DispatchedService = maxOrchestrations == service.MaxConcurrentTaskOrchestrationWorkItems && maxActivities == service.MaxConcurrentTaskActivityWorkItems
            ? service
            : new ConcurrencyLimitedOrchestrationService(service, maxOrchestrations, maxActivities);

        WorkerLog.Starting(_logger, service.GetType().Name, orchestrators.Count, activities.Count, maxOrchestrations, maxActivities);
        var stopwatch = Stopwatch.StartNew();
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);

        var worker = new TaskHubWorker(
            DispatchedService,
            new RegistryObjectManager<TaskOrchestration>(orchestrators),
            new RegistryObjectManager<TaskActivity>(activities),
            loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddOrchestrationDispatcherMiddleware(ParentInstanceMiddleware.InvokeAsync);
        await worker.StartAsync().WaitAsync(cancellationToken);
        _worker = worker;
        WorkerLog.Started(_logger, stopwatch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var worker = Interlocked.Exchange(ref _worker, null);
        if (worker is null)
        {
            return;
        }

        WorkerLog.Stopping(_logger);
        var graceful = worker.StopAsync(isForced: false);
        try
        {
            await graceful.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // TaskHubWorker serializes stops behind one lock, so a forced stop would only queue behind this one: leave
            // the graceful stop to finish on its own and let the host go on shutting down.
            WorkerLog.StopTimedOut(_logger);
            return;
        }

        worker.Dispose();
        WorkerLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
