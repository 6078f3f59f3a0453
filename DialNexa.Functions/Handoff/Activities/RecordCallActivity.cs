using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Records the call's status, summary included, in the console's call list as its handoff delivers its last messages
/// (revision 2; earlier revisions record it in <see cref="SummarizeCallActivity"/>). A call that ends in review is
/// recorded by <see cref="OpenReviewActivity"/> instead. Running it again rewrites the same entry.
/// </summary>
internal sealed class RecordCallActivity(ICallListing calls) : TaskActivity<CallStatusSnapshot, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        await calls.RecordAsync(context.InstanceId, input, CancellationToken.None);
        return true;
    }
}
