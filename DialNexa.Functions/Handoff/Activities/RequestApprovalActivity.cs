using DialNexa.Durable;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Asks finance to approve the planned actions: records the request (what, why, until when) and posts it to Slack.
/// The decision comes back as the <c>FinanceApproval</c> event.
/// </summary>
internal sealed class RequestApprovalActivity(ProviderDirectory providers, TimeProvider time) : TaskActivity<RequestApprovalInput, ApprovalRequest>
{
    public override async Task<ApprovalRequest> RunAsync(TaskActivityContext context, RequestApprovalInput input)
    {
        var status = input.Status;
        var now = time.GetUtcNow();
        var actions = status.PlannedActions.Select(a => $"{a.Provider}: {a.Kind}").ToList();
        var links = status.Links?.AsProviderLinks() ?? [];
        var request = new ApprovalRequest($"{status.CallId}:approval", status.CallId, status.ApprovalReasons, actions, now, now + input.Timeout, [.. links.Select(l => l.Url)]);
        await providers.ExecuteAsync(new ProviderActionRequest
        {
            CallId = status.CallId,
            Kind = ProviderActionKind.SlackApprovalRequest,
            Message = $"Approval needed for call {status.CallId} ({status.Workflow}): {string.Join("; ", actions)}. Why: {string.Join(" ", status.ApprovalReasons)}",
            Links = links,
        }, context.CancellationToken);
        return request;
    }
}
