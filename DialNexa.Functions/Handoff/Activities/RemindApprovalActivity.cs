using DialNexa.Durable;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The one reminder at half the approval timeout: the request again in Slack, with its links and buttons.</summary>
internal sealed class RemindApprovalActivity(ProviderDirectory providers) : TaskActivity<CallStatusSnapshot, ProviderActionResult>
{
    public override async Task<ProviderActionResult> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        var request = input.Approval!.Request;
        return await providers.ExecuteAsync(new ProviderActionRequest
        {
            CallId = input.CallId,
            Kind = ProviderActionKind.SlackApprovalRequest,
            Message = RequestApprovalActivity.SlackText(request, "*Reminder: still waiting for approval*"),
            Links = [.. request.Approvers.Select(a => new ProviderLink("Review: " + a.Name, a.Url)), .. input.Links?.AsProviderLinks() ?? []],
            ApprovalRequestId = request.RequestId,
        }, context.CancellationToken);
    }
}
