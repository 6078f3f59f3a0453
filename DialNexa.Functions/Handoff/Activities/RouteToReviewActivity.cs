using Microsoft.DurableTask;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Composes the Slack alert that puts a call in front of a person (the review queue, <c>GET /api/review</c>, lists it):
/// why it needs review. The orchestration delivers it; a late delivery's alert has its own key, apart from the call's.
/// </summary>
internal sealed partial class RouteToReviewActivity(ILogger<RouteToReviewActivity> logger) : TaskActivity<CallStatusSnapshot, OutgoingMessage>
{
    public override Task<OutgoingMessage> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        ArgumentNullException.ThrowIfNull(context);
        Routed(logger, input.CallId, input.Review.Count);
        var key = context.InstanceId == input.CallId || string.IsNullOrEmpty(context.InstanceId) ? "review-alert" : "review-alert:" + context.InstanceId;
        return Task.FromResult(OutgoingMessage.ToSlack(key, "Review alert", new SlackMessage
        {
            CallId = input.CallId,
            Kind = SlackMessageKind.Alert,
            Text = $"Call {SlackText.Escape(input.CallId)} ({input.Workflow}) needs review: {SlackText.Join(" ", input.Review)}",
            Links = input.Links?.AsSlackLinks() ?? [],
        }));
    }

    [LoggerMessage(2100, LogLevel.Information, "Call {CallId} routed to review ({Reasons} reasons).")]
    private static partial void Routed(ILogger logger, string callId, int reasons);
}
