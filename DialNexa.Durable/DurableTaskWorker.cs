using System.Collections.Concurrent;
using DialNexa.Durable.Execution;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialNexa.Durable;

/// <summary>
/// The hosted worker: opens the store, then runs orchestration episodes and activities within host.json's
/// concurrency limits. Failed work is abandoned with a growing delay and retried; on shutdown it stops taking work
/// and waits for the work in flight.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationProcessor _orchestrations;
    private readonly ActivityProcessor _activities;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private Task? _orchestrationLoop;
    private Task? _activityLoop;
    private long _episodes;
    private long _activityRuns;

    public DurableTaskWorker(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableTaskOptions> options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _store = store;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        _orchestrations = new OrchestrationProcessor(store, registry, services, _options, loggerFactory);
        _activities = new ActivityProcessor(store, registry, services, _options, loggerFactory);
        _orchestrationSlots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentOrchestratorFunctions));
        _activitySlots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentActivityFunctions));
    }

    /// <summary>Orchestration episodes committed by this worker.</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>Activities completed by this worker.</summary>
    public long ActivityRuns => Interlocked.Read(ref _activityRuns);

    /// <summary>Instances held in memory between episodes.</summary>
    public int CachedOrchestrations => _orchestrations.CachedSessions;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.StartAsync(cancellationToken);
        _orchestrationLoop = Task.Run(() => RunOrchestrationsAsync(_stopping.Token), CancellationToken.None);
        _activityLoop = Task.Run(() => RunActivitiesAsync(_stopping.Token), CancellationToken.None);
        DurableLog.WorkerStarted(_logger, _options.HubName, _options.MaxConcurrentOrchestratorFunctions, _options.MaxConcurrentActivityFunctions);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        DurableLog.WorkerStopping(_logger, _inFlight.Count);
        await _stopping.CancelAsync();
        var loops = new[] { _orchestrationLoop, _activityLoop }.OfType<Task>();
        await Task.WhenAll(loops.Concat(_inFlight.Keys)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
    }

    private async Task RunOrchestrationsAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _orchestrationSlots.WaitAsync(stopping);
                OrchestrationWorkItem workItem;
                try
                {
                    workItem = await _store.LockNextOrchestrationWorkItemAsync(stopping);
                }
                catch
                {
                    _orchestrationSlots.Release();
                    throw;
                }

                Track(ProcessOrchestrationAsync(workItem, stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return;
            }
        }
    }

    private async Task RunActivitiesAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _activitySlots.WaitAsync(stopping);
                ActivityWorkItem workItem;
                try
                {
                    workItem = await _store.LockNextActivityWorkItemAsync(stopping);
                }
                catch
                {
                    _activitySlots.Release();
                    throw;
                }

                Track(ProcessActivityAsync(workItem, stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return;
            }
        }
    }

    private async Task ProcessOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            await _orchestrations.ProcessAsync(workItem, CancellationToken.None);
            Interlocked.Increment(ref _episodes);
        }
#pragma warning disable CA1031 // Any failure of the engine or store is retried by abandoning the work item.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var delay = Backoff(workItem.DequeueCount);
            DurableLog.OrchestrationAbandoned(_logger, ex, workItem.InstanceId, workItem.DequeueCount, delay);
            await TryAsync(() => _store.AbandonOrchestrationWorkItemAsync(workItem, delay, CancellationToken.None));
        }
        finally
        {
            _orchestrationSlots.Release();
        }

        _ = stopping;
    }

    private async Task ProcessActivityAsync(ActivityWorkItem workItem, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            await _activities.ProcessAsync(workItem, stopping);
            Interlocked.Increment(ref _activityRuns);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down mid-activity: the work item stays in the store and runs again on the next start.
        }
#pragma warning disable CA1031 // The result could not be committed: retry the activity later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var delay = Backoff(workItem.DequeueCount);
            DurableLog.ActivityAbandoned(_logger, ex, workItem.Scheduled.Name ?? "", workItem.InstanceId, workItem.DequeueCount, delay);
            await TryAsync(() => _store.AbandonActivityWorkItemAsync(workItem, delay, CancellationToken.None));
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    private void Track(Task task)
    {
        _inFlight[task] = true;
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static TimeSpan Backoff(int dequeueCount) => TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Max(0, dequeueCount - 1))));

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // The store is down: the work stays where it is and is recovered on the next start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DurableLog.OrchestrationAbandoned(_logger, ex, "(abandon failed)", 0, TimeSpan.Zero);
        }
    }
}
