using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Makes sure no stored delivery is left unread: for every call whose inbox is still open it starts the handoff that
/// never started (its start failed after the body was stored and DialNexa did not retry), and closes the inbox of a
/// handoff that ended without closing it (terminated, or failed), sending what it never read to late review. Run by
/// the self-host every <c>DialNexa__Handoff__InboxSweepInterval</c>, and by the Functions app's timer.
/// </summary>
internal sealed partial class InboxReconciler(CallInbox inbox, HandoffDeliveries deliveries, ILogger<InboxReconciler> logger)
{
    /// <summary>How long a stored first delivery may wait for its webhook to start the handoff before the sweep does.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(2);

    /// <summary>One pass over the open inboxes; returns how many calls it acted on.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var acted = 0;
        var open = new List<string>();
        await foreach (var entry in inbox.ListOpenAsync(cancellationToken))
        {
            open.Add(entry.Item);
        }

        foreach (var callId in open)
        {
            if (await deliveries.ReconcileAsync(callId, StartGrace, cancellationToken) is { } action)
            {
                Reconciled(logger, callId, action);
                acted++;
            }
        }

        return acted;
    }

    [LoggerMessage(2010, LogLevel.Warning, "Inbox of call {CallId} reconciled: {Action}.")]
    private static partial void Reconciled(ILogger logger, string callId, string action);
}
