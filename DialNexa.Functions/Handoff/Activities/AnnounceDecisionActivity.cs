using System.Globalization;
using Microsoft.DurableTask;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Tells the approval channel how the request was settled (who, what, when, through which channel), since an
/// incoming-webhook message cannot be edited after a decision made on the page. Composed here; the handoff delivers it
/// after the request it answers.
/// </summary>
internal sealed class AnnounceDecisionActivity : TaskActivity<CallStatusSnapshot, OutgoingMessage>
{
    public override Task<OutgoingMessage> RunAsync(TaskActivityContext context, CallStatusSnapshot input) => Task.FromResult(Compose(input));

    /// <summary>The notice for the status's decision: a pure function of it, so handoffs of revision 1 compose it in the orchestration.</summary>
    internal static OutgoingMessage Compose(CallStatusSnapshot input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var decision = input.Approval!.Decision!;
        var verb = decision.Approved ? "approved" : "rejected";
        var request = input.Approval.Request;
        var next = (decision.Approved, request.DryRun, request.CarriesPromise) switch
        {
            (true, true, _) => "dry run: the requests are recorded as they would have been sent; nothing is sent",
            (true, false, _) => "the requests are sent now",
            (false, _, true) => "nothing will be written; the caller was promised an answer, so the call goes to the review queue",
            _ => "nothing will be written",
        };
        return OutgoingMessage.ToSlack("decision", "Decision notice", new SlackMessage
        {
            CallId = input.CallId,
            Kind = SlackMessageKind.Alert,
            Text = string.Create(CultureInfo.InvariantCulture, $"Call {SlackText.Escape(input.CallId)}: {verb} by {SlackText.Escape(decision.Approver)} via {SlackText.Escape(decision.Channel ?? "api")} at {decision.DecidedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; {next}."),
            Links = input.Links?.AsSlackLinks() ?? [],
        });
    }
}
