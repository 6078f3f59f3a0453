using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A delivery its call's handoff never read (an analysis or transcript that came after the handoff ended, or raced its
/// last step, or reached a handoff that was terminated). Its own instance, so the call's history stays as it was: the
/// body is redacted (the raw body then deleted, as for any delivery), its facts are extracted, and it goes to the
/// review queue and Slack so a person compares it with what the handoff did. Nothing is written to a provider from it.
/// </summary>
internal sealed class LateDeliveryOrchestrator : TaskOrchestrator<LateDeliveryInput, CallStatusSnapshot>
{
    public override async Task<CallStatusSnapshot> RunAsync(TaskOrchestrationContext context, LateDeliveryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = Show(context, new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Redacting });
        try
        {
            var call = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, input.Delivery.Hash), CallHandoffOrchestrator.LocalRetry);
            var links = CallLinks.ForLateDelivery(input.BaseUrl, input.CallId, context.InstanceId, call.HasRecording);
            status = Show(context, status with { Stage = HandoffStage.Extracting, Suppression = call.Suppression, Redactions = call.Redactions, Links = links });

            var facts = call.HasContent ? await context.CallActivityAsync<CallFacts>(nameof(ExtractFactsActivity), new ExtractFactsInput(input.CallId, [input.Delivery.Hash]), CallHandoffOrchestrator.LocalRetry) : null;
            status = Show(context, status with
            {
                Stage = HandoffStage.InReview,
                Workflow = facts?.Workflow,
                Context = facts,
                Review =
                [
                    $"A {input.Delivery.EventName} delivery arrived at {input.Delivery.ReceivedAt:u} that the call's handoff never read; nothing in it was acted on. Compare it with the call's outcome.",
                    .. call.Problems,
                ],
            });
            var messages = new MessageOutbox(input.MessageRetry ?? HandoffOptions.DefaultMessageRetry);
            messages.Add(await context.CallActivityAsync<OutgoingMessage>(nameof(RouteToReviewActivity), status.Brief()), context.CurrentUtcDateTime);

            // On the queue first, so a Slack outage does not keep it from the people who read the queue.
            await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
            await messages.DeliverAllAsync(context, deliveries => status = Show(context, status with { Messages = deliveries }));
            if (messages.Failed is { Count: > 0 } undelivered)
            {
                status = Show(context, status with { Review = [.. status.Review, .. undelivered.Select(m => $"{m.Purpose} ({m.Channel}) was not delivered: {m.Problem}")] });
                await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
            }

            return status;
        }
        catch (Exception ex) when (HandoffFailSafe.Catches(ex))
        {
            return await HandoffFailSafe.ToReviewAsync(context, status, ex, input.MessageRetry ?? HandoffOptions.DefaultMessageRetry, next => Show(context, next));
        }
    }

    private static CallStatusSnapshot Show(TaskOrchestrationContext context, CallStatusSnapshot status)
    {
        context.SetCustomStatus(status.ForCustomStatus());
        return status;
    }
}
