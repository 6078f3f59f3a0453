using DialNexa.DurableTask.SelfHost;
using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;
using Newtonsoft.Json;

namespace DialNexa.DurableTask.Tests.Infrastructure;

/// <summary>
/// InMemoryOrchestrationService (Microsoft.DurableTask.InProcessTestHost) with the one thing it leaves out:
/// <c>GetOrchestrationHistoryAsync</c> throws NotImplementedException there. This keeps each instance's history as the
/// dispatcher commits it, serialized as DurableTask.AzureStorage serializes it, so history, recursive terminate and
/// recursive purge can be tested on the in-memory provider too. Everything else is the package's service, unchanged.
/// </summary>
public sealed class HistoryKeepingInMemoryService(InMemoryOrchestrationService inner)
    : DelegatingOrchestrationService(inner), IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private readonly ConcurrentDictionary<string, (string? ExecutionId, string Json)> _histories = new(StringComparer.Ordinal);

    public InMemoryOrchestrationService InMemory => inner;

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var instance = newOrchestrationRuntimeState.OrchestrationInstance;
        if (instance is not null)
        {
            _histories[instance.InstanceId] = (instance.ExecutionId, JsonConvert.SerializeObject(newOrchestrationRuntimeState.Events));
        }

        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        Task.FromResult(_histories.TryGetValue(instanceId, out var history) && (executionId is null || history.ExecutionId == executionId)
            ? history.Json
            : "[]");

    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        var result = await inner.PurgeInstanceStateAsync(instanceId);
        if (result.DeletedInstanceCount > 0)
        {
            _histories.TryRemove(instanceId, out _);
        }

        return result;
    }

    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        var result = await inner.PurgeInstanceStateAsync(purgeInstanceFilter);
        foreach (var instanceId in _histories.Keys)
        {
            if ((await inner.GetOrchestrationStateAsync(instanceId, executionId: null)) is null)
            {
                _histories.TryRemove(instanceId, out _);
            }
        }

        return result;
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        inner.GetOrchestrationWithQueryAsync(query, cancellationToken);
}
