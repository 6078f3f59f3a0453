using DurableTask.AzureStorage;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>DurableTask.AzureStorage's own rewind, seen through <see cref="IOrchestrationServiceRewindClient"/>.</summary>
internal sealed class AzureStorageRewindClient(AzureStorageOrchestrationService service) : IOrchestrationServiceRewindClient
{
    public Task RewindTaskOrchestrationAsync(string instanceId, string reason) => service.RewindTaskOrchestrationAsync(instanceId, reason);
}
