using DialNexa.Functions.Calls;
using DialNexa.Functions.Json;
using DialNexa.Functions.Review;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Handoff;

/// <summary>The handoffs and late deliveries behind review items, read from their durable status.</summary>
internal sealed class HandoffReviewSubjects(IDurableClientSource clients) : IReviewSubjects
{
    public async Task<ReviewSubject?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.Name is not (nameof(CallHandoffOrchestrator) or nameof(LateDeliveryOrchestrator)))
        {
            return null;
        }

        var stage = CallStatusEndpoints.Describe(instance)["stage"]?.GetValue<string>();
        return new ReviewSubject(stage, stage == nameof(HandoffStage.InReview), instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed, ItemOf(instance));
    }

    /// <summary>The queue item of an instance the status says is in review, for one whose entry is missing (opened before its step ran).</summary>
    private static ReviewItem ItemOf(OrchestrationMetadata instance)
    {
        var snapshot = AppJson.Deserialize<CallStatusSnapshot>(CallStatusEndpoints.SnapshotJsonOf(instance));
        return new ReviewItem(
            instance.InstanceId,
            snapshot?.CallId ?? instance.InstanceId,
            snapshot?.Workflow,
            snapshot?.Review ?? [],
            instance.Name == nameof(LateDeliveryOrchestrator),
            instance.LastUpdatedAt);
    }
}
