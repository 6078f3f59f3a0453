using DialNexa.Functions.Calls;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Erases finished calls older than <see cref="RetentionOptions.KeepFor"/> at every <see cref="RetentionOptions.SweepInterval"/>,
/// skipping those still open in review. Every host may sweep; erasing twice finds nothing the second time.
/// </summary>
internal sealed partial class RetentionSweeper(
    IOptions<RetentionOptions> options,
    IDurableClientSource clients,
    CallEraser eraser,
    ReviewQueue reviews,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.KeepFor is not { } keepFor)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var erased = await SweepAsync(time.GetUtcNow() - keepFor, stoppingToken);
                if (erased > 0)
                {
                    Swept(logger, erased, keepFor);
                }

                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep (store outage) is retried at the next interval; the calls stay until then.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SweepFailed(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Erases the finished calls created before <paramref name="createdBefore"/>, except those open in review; returns how many.</summary>
    internal async Task<int> SweepAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        var query = new OrchestrationQuery
        {
            CreatedTo = createdBefore,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 500,
        };
        await foreach (var instance in clients.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == nameof(CallHandoffOrchestrator))
            {
                due.Add(instance.InstanceId);
            }
        }

        var erased = 0;
        foreach (var callId in due)
        {
            if (await reviews.ReadOpenAsync(callId, cancellationToken) is not null)
            {
                continue;
            }

            var (done, _) = await eraser.EraseAsync(callId, cancellationToken);
            erased += done is null ? 0 : 1;
        }

        return erased;
    }

    [LoggerMessage(2401, LogLevel.Information, "Retention: {Count} calls older than {KeepFor} erased.")]
    private static partial void Swept(ILogger logger, int count, TimeSpan keepFor);

    [LoggerMessage(2402, LogLevel.Warning, "Retention sweep failed ({Error}: {Message}); it runs again at the next interval.")]
    private static partial void SweepFailed(ILogger logger, string error, string message);
}
