using DialNexa.Functions.Calls;
using Microsoft.DurableTask;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Composes the Slack alerts for what finance must see now: VIP payment blockers, duplicate charges, chargebacks,
/// urgent renewal failures. The handoff delivers them, in order, after the call's earlier messages.
/// </summary>
internal sealed class NotifyActivity : TaskActivity<CallStatusSnapshot, List<OutgoingMessage>>
{
    public override Task<List<OutgoingMessage>> RunAsync(TaskActivityContext context, CallStatusSnapshot input) =>
        Task.FromResult(AlertsFor(input).Select(alert => OutgoingMessage.ToSlack(
            "alert:" + alert.Replace(' ', '-'),
            alert,
            new SlackMessage
            {
                CallId = input.CallId,
                Kind = SlackMessageKind.Alert,
                Text = $"{alert}: call {SlackText.Escape(input.CallId)}. {SlackText.Escape(input.Summary)}",
                Links = input.Links?.AsSlackLinks() ?? [],
            })).ToList());

    internal static IEnumerable<string> AlertsFor(CallStatusSnapshot status)
    {
        var reason = string.Join(' ', status.Context?.Text(FactNames.DisputeReason), status.Context?.Text(FactNames.RefundReason), status.Summary).ToUpperInvariant();
        if (status.Workflow == HandoffWorkflow.VipPaymentBlocker)
        {
            yield return "VIP payment blocker";
        }

        if (reason.Contains("DUPLICATE", StringComparison.Ordinal) || reason.Contains("TWICE", StringComparison.Ordinal))
        {
            yield return "Duplicate charge";
        }

        if (reason.Contains("CHARGEBACK", StringComparison.Ordinal))
        {
            yield return "Chargeback";
        }

        if (status.Workflow == HandoffWorkflow.RenewalFailure && status.Context?.Text(FactNames.FollowUpDeadline) is not null)
        {
            yield return "Urgent renewal failure";
        }
    }
}
