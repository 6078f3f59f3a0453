using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Review;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Retention;

/// <summary>
/// One retention pass: erases finished calls created longer ago than <see cref="RetentionOptions.KeepFor"/>, skipping
/// those still open in review. Every host may run it; erasing twice finds nothing the second time. The self-host runs
/// it every <see cref="RetentionOptions.SweepInterval"/>; the Functions app, on its timer.
/// </summary>
internal sealed partial class RetentionSweep(
    IOptions<RetentionOptions> options,
    IDurableClientSource clients,
    CallEraser eraser,
    ReviewQueue reviews,
    TimeProvider time,
    ILogger<RetentionSweep> logger)
{
    /// <summary>Erases what is due; returns how many calls went (none when retention is off).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KeepFor is not { } keepFor)
        {
            return 0;
        }

        var due = new List<string>();
        var query = new OrchestrationQuery
        {
            CreatedTo = time.GetUtcNow() - keepFor,
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

        if (erased > 0)
        {
            Swept(logger, erased, keepFor);
        }

        return erased;
    }

    [LoggerMessage(2401, LogLevel.Information, "Retention: {Count} calls older than {KeepFor} erased.")]
    private static partial void Swept(ILogger logger, int count, TimeSpan keepFor);
}
