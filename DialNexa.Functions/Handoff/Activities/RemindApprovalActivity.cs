using Microsoft.DurableTask;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// The one reminder at half the approval timeout: the request again in Slack with its buttons, and by email to each
/// approver with their link when email delivery is set up (otherwise the links are in the Slack message).
/// </summary>
internal sealed class RemindApprovalActivity(ProviderDirectory providers, ApprovalMailer mailer) : TaskActivity<CallStatusSnapshot, ProviderActionResult>
{
    public override async Task<ProviderActionResult> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        var request = input.Approval!.Request;
        var deliveries = mailer.IsConfigured ? await mailer.SendAsync(request, "reminder", "Reminder: still waiting for approval", CancellationToken.None) : null;
        return await providers.ExecuteAsync(
            RequestApprovalActivity.SlackPost(request, "*Reminder: still waiting for approval*", input.Links?.AsProviderLinks() ?? [], deliveries),
            CancellationToken.None);
    }
}
