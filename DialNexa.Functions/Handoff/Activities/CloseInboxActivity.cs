using DialNexa.Functions.Inbox;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// The handoff's last step: closes the call's inbox and starts a late-delivery review for every delivery the handoff
/// never read (one that arrived while it was finishing). Safe to run again: closing twice returns the same deliveries,
/// and each review's instance ID is derived from its delivery, so it starts once.
/// </summary>
internal sealed class CloseInboxActivity(CallInbox inbox, LateDeliveries lateDeliveries, ICallListing calls) : TaskActivity<CloseInboxInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, CloseInboxInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unread = await inbox.CloseAsync(input.CallId, CancellationToken.None);
        await calls.FinishedAsync(context.InstanceId, input.CallId, input.FinalStage, CancellationToken.None); // the console's call list
        foreach (var delivery in unread)
        {
            await lateDeliveries.StartAsync(input.CallId, delivery, input.BaseUrl, CancellationToken.None);
        }

        return unread.Count;
    }
}
