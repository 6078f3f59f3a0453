using DialNexa.Functions.Notifications;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Puts a call in front of a person: the review queue (<c>GET /api/review</c>) lists it, and Slack is told why.</summary>
internal sealed partial class RouteToReviewActivity(ProviderDirectory providers, ILogger<RouteToReviewActivity> logger) : TaskActivity<CallStatusSnapshot, ProviderActionResult>
{
    public override async Task<ProviderActionResult> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        Routed(logger, input.CallId, input.Review.Count);
        return await providers.ExecuteAsync(new ProviderActionRequest
        {
            CallId = input.CallId,
            Kind = ProviderActionKind.SlackAlert,
            Message = $"Call {SlackText.Escape(input.CallId)} ({input.Workflow}) needs review: {SlackText.Join(" ", input.Review)}",
            Links = input.Links?.AsProviderLinks() ?? [],
        }, CancellationToken.None);
    }

    [LoggerMessage(2100, LogLevel.Information, "Call {CallId} routed to review ({Reasons} reasons).")]
    private static partial void Routed(ILogger logger, string callId, int reasons);
}
