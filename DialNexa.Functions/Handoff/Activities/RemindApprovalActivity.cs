using Microsoft.DurableTask;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff.Messages;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// The one reminder at half the approval timeout: the request again in Slack with its buttons, and by email to each
/// approver with their link when email delivery is set up (otherwise the links are in the Slack message). The Slack
/// post is composed here and delivered (and retried) by the handoff.
/// </summary>
internal sealed class RemindApprovalActivity(ApprovalMailer mailer) : TaskActivity<CallStatusSnapshot, ApprovalPosting>
{
    public const string MailPurpose = "reminder";

    public const string MailHeading = "Reminder: still waiting for approval";

    public override async Task<ApprovalPosting> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        var request = input.Approval!.Request;
        var deliveries = mailer.IsConfigured ? await mailer.SendAsync(request, MailPurpose, MailHeading, CancellationToken.None) : null;
        var post = RequestApprovalActivity.SlackPost(request, "*Reminder: still waiting for approval*", input.Links?.AsSlackLinks() ?? [], deliveries);
        return new ApprovalPosting(request, OutgoingMessage.ToSlack("approval-reminder", "Approval reminder", post), deliveries);
    }
}
