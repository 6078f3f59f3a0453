using DialNexa.Functions.Inbox;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call's deliveries whose raw bodies are still in the inbox, in arrival order: those no handoff step has read yet.</summary>
internal sealed class UnreadDeliveriesActivity(CallInbox inbox) : TaskActivity<string, List<InboxDelivery>>
{
    public override async Task<List<InboxDelivery>> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return [.. await inbox.UnreadAsync(input, CancellationToken.None)];
    }
}
