using System.Globalization;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Review;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A handoff that ended Failed despite its fail-safe (a bug in the orchestration itself, a poisoned work item) is not
/// left with nothing to show: the first time its ended inbox is closed (by a later delivery or the inbox reconciler)
/// it is put on the review queue with the reason, and Slack is told. Once per call: the review entry is added only if
/// new, and only then is the alert sent.
/// </summary>
internal sealed partial class FailedHandoffs(ReviewQueue reviews, ISlackPoster slack, TimeProvider time, ILogger<FailedHandoffs> logger)
{
    public async Task ReportAsync(OrchestrationMetadata instance, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return;
        }

        var callId = instance.InstanceId;
        var error = instance.FailureDetails?.ErrorType ?? "unknown error";
        var reason = string.Create(CultureInfo.InvariantCulture, $"The handoff failed ({error}) at {instance.LastUpdatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC and did nothing more; check what it wrote, then handle the call by hand. The instance's history has the error.");
        var item = new ReviewItem(callId, callId, Workflow(instance), [reason], LateDelivery: false, time.GetUtcNow());
        if (await reviews.ReadResolvedAsync(callId, cancellationToken) is not null || !await reviews.TryOpenAsync(item, cancellationToken))
        {
            return;
        }

        Reported(logger, callId, error);
        var links = CallLinks.For(baseUrl, callId, hasRecording: false);
        await slack.PostAsync(new SlackMessage
        {
            CallId = callId,
            Kind = SlackMessageKind.Alert,
            Text = $"Call {SlackText.Escape(callId)}: the handoff failed ({SlackText.Escape(error)}) and is in the review queue. Nothing more happens automatically.",
            Links = links.AsSlackLinks(),
        }, cancellationToken);
    }

    private static HandoffWorkflow? Workflow(OrchestrationMetadata instance) =>
        CallStatusEndpoints.SnapshotJsonOf(instance) is { } json ? Json.AppJson.Deserialize<CallStatusSnapshot>(json)?.Workflow : null;

    [LoggerMessage(2012, LogLevel.Error, "The handoff of call {CallId} failed ({Error}); it was put in the review queue.")]
    private static partial void Reported(ILogger logger, string callId, string error);
}
