using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>The self-host's schedule for <see cref="InboxReconciler"/>: a pass at start, then every sweep interval.</summary>
internal sealed partial class InboxReconcilerService(InboxReconciler reconciler, IOptions<HandoffOptions> options, TimeProvider time, ILogger<InboxReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass (store outage) runs again at the next interval; nothing is lost meanwhile.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SweepFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(options.Value.InboxSweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(2011, LogLevel.Warning, "Inbox sweep failed ({Error}: {Message}); it runs again at the next interval.")]
    private static partial void SweepFailed(ILogger logger, string error, string message);
}
