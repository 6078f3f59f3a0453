using DurableTask.Core;
using Microsoft.DurableTask.Client;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using CorePurgeInstanceFilter = DurableTask.Core.PurgeInstanceFilter;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>Purge, restart and rewind.</summary>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Only a finished instance (Completed, Failed, Terminated) is purged; purging an unfinished one throws
    /// <see cref="InvalidOperationException"/>, an unknown one purges nothing. With <see cref="PurgeInstanceOptions.Recursive"/>
    /// the finished sub-orchestrations its history shows are purged too, and theirs in turn.
    /// </remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var purgeClient = RequirePurgeClient(nameof(PurgeInstanceAsync));
        var state = await GetStateAsync(instanceId, cancellation);
        if (state is null)
        {
            return new PurgeResult(0);
        }

        if (!state.OrchestrationStatus.IsTerminal())
        {
            throw new InvalidOperationException(
                $"Only a finished orchestration can be purged; instance '{instanceId}' is {state.OrchestrationStatus.ToRuntimeStatus()}.");
        }

        var children = options?.Recursive == true
            ? await GetSubOrchestrationsAsync(instanceId, state.OrchestrationInstance?.ExecutionId, cancellation)
            : [];
        cancellation.ThrowIfCancellationRequested();
        var purged = (await purgeClient.PurgeInstanceStateAsync(instanceId)).DeletedInstanceCount;
        foreach (var child in children)
        {
            var childState = await GetStateAsync(child, cancellation);
            if (childState is not null && childState.OrchestrationStatus.IsTerminal())
            {
                purged += (await PurgeInstanceAsync(child, options, cancellation)).PurgedInstanceCount;
            }
        }

        return new PurgeResult(purged);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Purges finished instances only: a filter without statuses means Completed, Failed and Terminated, and a filter
    /// naming an unfinished status is refused with <see cref="ArgumentException"/>. With
    /// <see cref="PurgeInstanceOptions.Recursive"/> each matching instance is purged with its sub-orchestrations.
    /// </remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purgeClient = RequirePurgeClient(nameof(PurgeAllInstancesAsync));
        var statuses = ResolvePurgeStatuses(filter.Statuses);
        cancellation.ThrowIfCancellationRequested();
        if (options?.Recursive != true)
        {
            var coreFilter = new CorePurgeInstanceFilter(
                filter.CreatedFrom?.UtcDateTime ?? EarliestCreatedTime,
                filter.CreatedTo?.UtcDateTime,
                statuses);
            var result = await purgeClient.PurgeInstanceStateAsync(coreFilter);
            return new PurgeResult(result.DeletedInstanceCount);
        }

        var matching = new List<string>();
        await foreach (var instance in GetAllInstancesAsync(new OrchestrationQuery
        {
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            Statuses = statuses.Select(s => s.ToRuntimeStatus()).ToList(),
        }).WithCancellation(cancellation))
        {
            matching.Add(instance.InstanceId);
        }

        var purged = 0;
        foreach (var instanceId in matching)
        {
            var state = await GetStateAsync(instanceId, cancellation);
            if (state is not null && state.OrchestrationStatus.IsTerminal())
            {
                purged += (await PurgeInstanceAsync(instanceId, options, cancellation)).PurgedInstanceCount;
            }
        }

        return new PurgeResult(purged);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Starts the instance's orchestrator again with its original input, version and tags. Restarting under the same
    /// ID an instance that has not finished terminates it first and waits for that.
    /// </remarks>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists to restart.", nameof(instanceId));
        var newInstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        IReadOnlyList<CoreStatus> dedupe = CoreConversions.RunningStatuses;
        if (!restartWithNewInstanceId)
        {
            await TerminateReplaceableInstanceAsync(instanceId, [], state, cancellation);
        }

        await CreateAsync(
            newInstanceId,
            state.Name,
            state.Version ?? string.Empty,
            state.Input,
            startAt: null,
            state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
            dedupe,
            cancellation);
        return newInstanceId;
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The orchestration service cannot rewind (only DurableTask.AzureStorage, or a client implementing <see cref="IOrchestrationServiceRewindClient"/>, can).</exception>
    /// <exception cref="InvalidOperationException">The instance has not failed.</exception>
    public override async Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var rewindClient = _rewindClient ?? throw new NotSupportedException(
            $"Rewind is not supported by the orchestration service ({Describe(_client)}); DurableTask.AzureStorage supports it, or a client that implements {nameof(IOrchestrationServiceRewindClient)}.");
        var state = await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists to rewind.", nameof(instanceId));
        if (state.OrchestrationStatus != CoreStatus.Failed)
        {
            throw new InvalidOperationException(
                $"Only a failed orchestration can be rewound; instance '{instanceId}' is {state.OrchestrationStatus.ToRuntimeStatus()}.");
        }

        cancellation.ThrowIfCancellationRequested();
        await rewindClient.RewindTaskOrchestrationAsync(instanceId, reason ?? string.Empty);
    }

    private static List<CoreStatus> ResolvePurgeStatuses(IEnumerable<OrchestrationRuntimeStatus>? statuses)
    {
        var requested = statuses?.Select(s => s.ToCoreStatus()).Distinct().ToList();
        if (requested is null || requested.Count == 0)
        {
            return [CoreStatus.Completed, CoreStatus.Failed, CoreStatus.Terminated];
        }

        var unfinished = requested.Where(s => !s.IsTerminal()).ToList();
        if (unfinished.Count > 0)
        {
            throw new ArgumentException(
                $"Only finished orchestrations can be purged; the filter names {string.Join(", ", unfinished.Select(s => s.ToRuntimeStatus()))}.",
                nameof(statuses));
        }

        return requested;
    }

    private IOrchestrationServicePurgeClient RequirePurgeClient(string operation) => _purgeClient
        ?? throw new NotSupportedException(
            $"{operation} needs an orchestration service client that implements {nameof(IOrchestrationServicePurgeClient)}; {Describe(_client)} does not.");
}
