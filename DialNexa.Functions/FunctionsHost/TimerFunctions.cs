using DialNexa.Functions.Handoff;
using DialNexa.Functions.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>The schedules the self-host keeps as background services, as <c>[TimerTrigger]</c> functions on Azure.</summary>
internal sealed class TimerFunctions(RetentionSweep retention, OrphanedCallSweep orphans, InboxReconciler inbox)
{
    /// <summary>
    /// Hourly: erases finished calls past <c>DialNexa__Retention__KeepFor</c> (nothing while retention is off), and the
    /// app data of calls whose instances were purged through the host's management API, which this app does not serve.
    /// </summary>
    [Function("RetentionSweep")]
    public async Task Retention([TimerTrigger("0 17 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        await retention.RunAsync(cancellationToken);
        await orphans.RunAsync(cancellationToken);
    }

    /// <summary>Starts handoffs that never started and closes the inboxes of handoffs that ended without closing them, every five minutes.</summary>
    [Function("InboxSweep")]
    public async Task Inbox([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        await inbox.SweepAsync(cancellationToken);
    }
}
