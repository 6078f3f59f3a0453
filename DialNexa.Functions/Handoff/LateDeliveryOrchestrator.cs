using DialNexa.Durable;
using DialNexa.Functions.Handoff.Activities;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A delivery that arrived after its call's handoff had ended (an analysis or transcript that came late, or one that
/// raced the handoff's last step). Its own instance, so the call's history stays as it was: the body is redacted (the
/// raw body then deleted, as for any delivery), its facts are extracted, and it goes to the review queue and Slack so a
/// person compares it with what the handoff did. Nothing is written to a provider from it.
/// </summary>
internal sealed class LateDeliveryOrchestrator : TaskOrchestrator<LateDeliveryInput, CallStatusSnapshot>
{
    /// <summary>The instance ID for one late delivery: readable from the call ID when it fits, and the same for a repeat of it.</summary>
    public static string InstanceIdFor(string callId, string inboxKey)
    {
        var bodyHash = inboxKey[(inboxKey.LastIndexOf(':') + 1)..];
        var readable = $"{callId}:late:{bodyHash}";
        return readable.Length <= InstanceIdRules.MaxLength ? readable : $"late:{bodyHash}";
    }

    public override async Task<CallStatusSnapshot> RunAsync(TaskOrchestrationContext context, LateDeliveryInput input)
    {
        var status = new CallStatusSnapshot { CallId = input.CallId, Stage = HandoffStage.Redacting };
        context.SetCustomStatus(status);
        var call = await context.CallActivityAsync<RedactedCall>(nameof(RedactCallActivity), new RedactCallInput(input.CallId, input.Delivery.InboxKey), CallHandoffOrchestrator.LocalRetry);
        var links = CallLinks.For(input.BaseUrl, input.CallId, call.HasRecording);
        status = status with { Stage = HandoffStage.Extracting, Suppression = call.Suppression, Redactions = call.Redactions, Links = links };
        context.SetCustomStatus(status);

        var facts = call.HasContent ? await context.CallActivityAsync<CallFacts>(nameof(ExtractFactsActivity), call, CallHandoffOrchestrator.LocalRetry) : null;
        status = status with
        {
            Stage = HandoffStage.InReview,
            Workflow = facts?.Workflow,
            Context = facts,
            Review =
            [
                $"A {input.Delivery.EventName} delivery arrived at {input.Delivery.ReceivedAt:u} after the call's handoff had ended; nothing in it was acted on. Compare it with the call's outcome.",
            ],
        };
        context.SetCustomStatus(status);
        await context.CallActivityAsync(nameof(RouteToReviewActivity), status.Brief());
        await context.CallActivityAsync<bool>(nameof(OpenReviewActivity), status.Brief());
        return status;
    }
}
