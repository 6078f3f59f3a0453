using System.Globalization;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A provider action of a call in review, run again because a person asked (<c>POST /api/review/{callId}/actions/{kind}/rerun</c>):
/// the call's own planned action, through the same activity, so it looks before it writes and honours the pending
/// marker of any earlier attempt (a create the provider took but never confirmed is found, not sent again). Runs to a
/// settled result like the handoff's writes (Transient and InDoubt are run again on durable timers), then tells Slack
/// who re-ran what and what the provider holds. Its own instance, so the call's history stays as it ended.
/// </summary>
internal sealed class ActionRerunOrchestrator : TaskOrchestrator<ActionRerunInput, ActionRerunStatus>
{
    public override async Task<ActionRerunStatus> RunAsync(TaskOrchestrationContext context, ActionRerunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = new ActionRerunStatus(input.Rerun, null, []);
        context.SetCustomStatus(status);
        var result = await ProviderWrites.RunAsync(context, input.Action, input.Retries.Writes, progress => context.SetCustomStatus(status with { Result = Bounded(progress) }));
        status = status with { Result = result };
        context.SetCustomStatus(status with { Result = Bounded(result) });

        var rerun = input.Rerun;
        var text = string.Create(CultureInfo.InvariantCulture, $"Call {rerun.CallId}: {rerun.Kind} re-run by {rerun.RerunBy} from the review queue: {result.Outcome}. {result.Message}")
            + (result.ProviderHolds is { } holds ? $" {result.Provider} holds: {holds}." : "");
        var messages = new MessageOutbox(input.Retries.Messages);
        messages.Add(OutgoingMessage.ToSlack("rerun:" + context.InstanceId, "Re-run notice", new SlackMessage
        {
            CallId = rerun.CallId,
            Kind = SlackMessageKind.Alert,
            Text = text,
            Links = CallLinks.For(input.BaseUrl, rerun.CallId, hasRecording: false).AsSlackLinks(),
        }), context.CurrentUtcDateTime);
        await messages.DeliverAllAsync(context, deliveries => context.SetCustomStatus(status with { Result = Bounded(result), Messages = deliveries }));
        return status with { Messages = messages.Deliveries };
    }

    /// <summary>The result as the custom status shows it: no request, values clipped (the output keeps them whole).</summary>
    private static ProviderActionResult Bounded(ProviderActionResult result) => result with
    {
        Request = null,
        OldValue = result.OldValue is { Length: > 1000 } old ? old[..999] + "\u2026" : result.OldValue,
        NewValue = result.NewValue is { Length: > 1000 } now ? now[..999] + "\u2026" : result.NewValue,
    };
}
