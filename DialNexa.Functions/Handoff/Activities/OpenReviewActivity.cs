using DialNexa.Functions.Review;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Puts an instance that ended in review on the review queue (<c>GET /api/review</c>); running it again rewrites the same entry.</summary>
internal sealed class OpenReviewActivity(ReviewQueue queue, TimeProvider time, ICallListing calls) : TaskActivity<CallStatusSnapshot, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        // Resolved already (a reviewer was quicker than this step): nothing to open.
        if (await queue.ReadResolvedAsync(context.InstanceId, CancellationToken.None) is not null)
        {
            return false;
        }

        var lateDelivery = context.InstanceId != input.CallId;
        await queue.OpenAsync(new ReviewItem(context.InstanceId, input.CallId, input.Workflow, input.Review, lateDelivery, time.GetUtcNow()), CancellationToken.None);
        await calls.RecordAsync(context.InstanceId, input, CancellationToken.None); // the console's call list
        return true;
    }
}
