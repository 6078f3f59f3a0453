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
    public override Task<List<OutgoingMessage>> RunAsync(TaskActivityContext context, CallStatusSnapshot input) => Task.FromResult(Compose(input));

    /// <summary>The status's alerts: a pure function of it, so handoffs of revision 1 compose them in the orchestration.</summary>
    internal static List<OutgoingMessage> Compose(CallStatusSnapshot input) =>
        AlertsFor(input).Select(alert => OutgoingMessage.ToSlack(
            "alert:" + alert.Replace(' ', '-'),
            alert,
            new SlackMessage
            {
                CallId = input.CallId,
                Kind = SlackMessageKind.Alert,
                Text = $"{alert}: call {SlackText.Escape(input.CallId)}. {SlackText.Escape(input.Summary)}",
                Links = input.Links?.AsSlackLinks() ?? [],
            })).ToList();

    /// <summary>A list, not an iterator: orchestrator code must not reach the thread-checking enumerator an iterator compiles to.</summary>
    private static List<string> AlertsFor(CallStatusSnapshot status)
    {
        var alerts = new List<string>();
        var reason = string.Join(' ', status.Context?.Text(FactNames.DisputeReason), status.Context?.Text(FactNames.RefundReason), status.Summary).ToUpperInvariant();
        if (status.Workflow == HandoffWorkflow.VipPaymentBlocker)
        {
            alerts.Add("VIP payment blocker");
        }

        if (reason.Contains("DUPLICATE", StringComparison.Ordinal) || reason.Contains("TWICE", StringComparison.Ordinal))
        {
            alerts.Add("Duplicate charge");
        }

        if (reason.Contains("CHARGEBACK", StringComparison.Ordinal))
        {
            alerts.Add("Chargeback");
        }

        if (status.Workflow == HandoffWorkflow.RenewalFailure && status.Context?.Text(FactNames.FollowUpDeadline) is not null)
        {
            alerts.Add("Urgent renewal failure");
        }

        return alerts;
    }
}
