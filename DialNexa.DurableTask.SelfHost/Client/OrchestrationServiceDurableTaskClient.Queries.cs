using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>Reading instances: status, lists, history.</summary>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation);
        return state is null ? null : await ToMetadataAsync(state, getInputsAndOutputs, cancellation);
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var queryClient = RequireQueryClient(nameof(GetAllInstancesAsync));
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCoreStatus()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queryClient.GetOrchestrationWithQueryAsync(query, cancellation);
            var page = new List<OrchestrationMetadata>(result.OrchestrationState.Count);
            foreach (var state in result.OrchestrationState.Where(s => s is not null))
            {
                page.Add(await ToMetadataAsync(state, query.FetchInputsAndOutputs, cancellation));
            }

            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Pages follow the provider's query continuation; <paramref name="lastInstanceKey"/> is the continuation token of
    /// the previous page. A page can hold fewer than <paramref name="pageSize"/> IDs when the completed-time filter
    /// drops some of the provider's page; the listing ends when the continuation token is null.
    /// </remarks>
    public override async Task<Page<string>> ListInstanceIdsAsync(
        IEnumerable<OrchestrationRuntimeStatus>? runtimeStatus = null,
        DateTimeOffset? completedTimeFrom = null,
        DateTimeOffset? completedTimeTo = null,
        int pageSize = OrchestrationQuery.DefaultPageSize,
        string? lastInstanceKey = null,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var queryClient = RequireQueryClient(nameof(ListInstanceIdsAsync));
        var query = new CoreOrchestrationQuery
        {
            RuntimeStatus = runtimeStatus?.Select(s => s.ToCoreStatus()).ToList(),
            PageSize = pageSize,
            ContinuationToken = lastInstanceKey,
            FetchInputsAndOutputs = false,
        };
        var result = await queryClient.GetOrchestrationWithQueryAsync(query, cancellation);
        var ids = result.OrchestrationState
            .Where(s => s is not null)
            .Where(s => completedTimeFrom is null || (IsSet(s.CompletedTime) && s.CompletedTime >= completedTimeFrom.Value.UtcDateTime))
            .Where(s => completedTimeTo is null || (IsSet(s.CompletedTime) && s.CompletedTime <= completedTimeTo.Value.UtcDateTime))
            .Select(s => s.OrchestrationInstance.InstanceId)
            .ToList();
        return new Page<string>(ids, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The current execution's history, oldest first.</remarks>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));
        return await ReadHistoryAsync(instanceId, state.OrchestrationInstance?.ExecutionId, cancellation);
    }

    internal async Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        var state = states?.FirstOrDefault(s => s is not null);
        if (LaggingRowCorrection.Applies(_client, state))
        {
            LaggingRowCorrection.Correct(state!, await ReadHistoryAsync(instanceId, state!.OrchestrationInstance.ExecutionId, cancellation));
        }

        return state;
    }

    private async Task<List<HistoryEvent>> ReadHistoryAsync(string instanceId, string? executionId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        string json;
        try
        {
            json = await _client.GetOrchestrationHistoryAsync(instanceId, executionId!);
        }
        catch (NotImplementedException ex)
        {
            throw new NotSupportedException(
                $"The orchestration service ({Describe(_client)}) does not return orchestration history, which this operation needs.", ex);
        }

        return HistoryJson.Parse(json);
    }

    /// <summary>Sub-orchestrations the instance's history shows started and not yet finished.</summary>
    private async Task<List<string>> GetUnfinishedSubOrchestrationsAsync(string instanceId, CancellationToken cancellation)
    {
        var state = await GetStateAsync(instanceId, cancellation);
        if (state is null)
        {
            return [];
        }

        var history = await ReadHistoryAsync(instanceId, state.OrchestrationInstance?.ExecutionId, cancellation);
        var finished = history
            .Select(e => e switch
            {
                SubOrchestrationInstanceCompletedEvent completed => (int?)completed.TaskScheduledId,
                SubOrchestrationInstanceFailedEvent failed => failed.TaskScheduledId,
                _ => null,
            })
            .Where(id => id is not null)
            .ToHashSet();
        return history
            .OfType<SubOrchestrationInstanceCreatedEvent>()
            .Where(created => !finished.Contains(created.EventId) && !string.IsNullOrEmpty(created.InstanceId))
            .Select(created => created.InstanceId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every sub-orchestration the instance's history shows started.</summary>
    private async Task<List<string>> GetSubOrchestrationsAsync(string instanceId, string? executionId, CancellationToken cancellation)
    {
        var history = await ReadHistoryAsync(instanceId, executionId, cancellation);
        return history
            .OfType<SubOrchestrationInstanceCreatedEvent>()
            .Select(created => created.InstanceId)
            .Where(id => !string.IsNullOrEmpty(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(OrchestrationState state, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        var failure = state.FailureDetails.ToTaskFailureDetails();
        if (failure is null && state.OrchestrationStatus == CoreStatus.Failed)
        {
            failure = await ReadFailureFromHistoryAsync(state, cancellation) ?? CoreConversions.ParseFailureOutput(state.Output);
        }

        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? _dataConverter : null,
            RuntimeStatus = state.OrchestrationStatus.ToRuntimeStatus(),
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            FailureDetails = failure,
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// A provider that keeps only a failed instance's output text (DurableTask.AzureStorage) still records the whole
    /// failure, inner failures included, on the ExecutionCompleted history event.
    /// </summary>
    private async Task<TaskFailureDetails?> ReadFailureFromHistoryAsync(OrchestrationState state, CancellationToken cancellation)
    {
        try
        {
            var history = await ReadHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId, cancellation);
            return history.OfType<ExecutionCompletedEvent>().LastOrDefault()?.FailureDetails.ToTaskFailureDetails();
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private IOrchestrationServiceQueryClient RequireQueryClient(string operation) => _queryClient
        ?? throw new NotSupportedException(
            $"{operation} needs an orchestration service client that implements {nameof(IOrchestrationServiceQueryClient)}; {Describe(_client)} does not.");

    private static bool IsSet(DateTime value) => value > DateTime.MinValue && value.Year > 1601;
}
