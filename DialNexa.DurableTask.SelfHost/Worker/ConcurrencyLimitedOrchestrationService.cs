using DurableTask.Core;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// The worker's view of an orchestration service with the host's own concurrency limits: DurableTask.Core's
/// dispatchers read <see cref="IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems"/> and
/// <see cref="IOrchestrationService.MaxConcurrentTaskActivityWorkItems"/> from the service, so the limits from
/// <see cref="DurableTaskSelfHostOptions"/> are applied here. Everything else goes to the service unchanged.
/// </summary>
internal sealed class ConcurrencyLimitedOrchestrationService(IOrchestrationService inner, int maxOrchestrations, int maxActivities) : DelegatingOrchestrationService(inner)
{
    public override int MaxConcurrentTaskOrchestrationWorkItems => maxOrchestrations;

    public override int MaxConcurrentTaskActivityWorkItems => maxActivities;
}
