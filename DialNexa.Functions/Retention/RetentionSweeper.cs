using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Retention;

/// <summary>
/// The self-host's schedule for <see cref="RetentionSweep"/> (while retention is on) and <see cref="OrphanedCallSweep"/>
/// (always): a pass every <see cref="RetentionOptions.SweepInterval"/>.
/// </summary>
internal sealed partial class RetentionSweeper(RetentionSweep sweep, OrphanedCallSweep orphans, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
                await orphans.RunAsync(stoppingToken);
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

    [LoggerMessage(2402, LogLevel.Warning, "Retention sweep failed ({Error}: {Message}); it runs again at the next interval.")]
    private static partial void SweepFailed(ILogger logger, string error, string message);
}
