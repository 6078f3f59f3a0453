using DialNexa.DurableTask.SelfHost.Client;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;

namespace DialNexa.DurableTask.Tests.Client;

/// <summary>
/// The client over a provider that lacks an optional capability answers with a clear exception instead of doing
/// something else; its argument checks hold whatever the provider.
/// </summary>
public sealed class ClientWithoutOptionalProviderFeaturesTests
{
    [Fact]
    public async Task GetOrchestrationHistoryAsync_ProviderWithoutHistory_ThrowsNotSupportedNamingTheProvider()
    {
        var service = new InMemoryOrchestrationService();
        var client = new OrchestrationServiceDurableTaskClient(service);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Anything", null, new StartOrchestrationOptions("no-history"));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetOrchestrationHistoryAsync(id));

        Assert.Contains(nameof(InMemoryOrchestrationService), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewindInstanceAsync_ProviderWithoutRewind_ThrowsNotSupported()
    {
        var client = new OrchestrationServiceDurableTaskClient(new InMemoryOrchestrationService());

        Assert.False(client.SupportsRewind);
        await Assert.ThrowsAsync<NotSupportedException>(() => client.RewindInstanceAsync("any", "reason"));
    }

    [Fact]
    public async Task PurgeAndQueries_ClientWithoutThoseInterfaces_ThrowNotSupportedNamingTheInterface()
    {
        var client = new OrchestrationServiceDurableTaskClient(new ClientOnly(new InMemoryOrchestrationService()));

        var purge = await Assert.ThrowsAsync<NotSupportedException>(() => client.PurgeInstanceAsync("any"));
        var query = Assert.Throws<NotSupportedException>(() => client.GetAllInstancesAsync());

        Assert.Contains(nameof(IOrchestrationServicePurgeClient), purge.Message, StringComparison.Ordinal);
        Assert.Contains("IOrchestrationServiceQueryClient", query.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownDedupeStatus_ThrowsArgumentException()
    {
        var client = new OrchestrationServiceDurableTaskClient(new InMemoryOrchestrationService());

        await Assert.ThrowsAsync<ArgumentException>(() => client.ScheduleNewOrchestrationInstanceAsync(
            "Anything", null, new StartOrchestrationOptions("x") { DedupeStatuses = ["Finished"] }));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeOnTerminatedWhileReplacingRunning_ThrowsArgumentException()
    {
        var client = new OrchestrationServiceDurableTaskClient(new InMemoryOrchestrationService());

        await Assert.ThrowsAsync<ArgumentException>(() => client.ScheduleNewOrchestrationInstanceAsync(
            "Anything", null, new StartOrchestrationOptions("x").WithDedupeStatuses(OrchestrationRuntimeStatus.Terminated)));
    }

    /// <summary>Only the base client interface of a provider, to stand for one without purge or query support.</summary>
    private sealed class ClientOnly(IOrchestrationServiceClient inner) : IOrchestrationServiceClient
    {
        public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

        public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

        public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

        public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

        public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
            inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

        public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

        public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

        public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

        public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

        public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
            inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);
    }
}
