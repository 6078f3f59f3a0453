using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.Options;

namespace DialNexa.Durable;

/// <summary>Starts, queries and controls orchestration instances, like Microsoft.DurableTask's client.</summary>
public sealed class DurableTaskClient(IOrchestrationStore store, DurableTaskRegistry registry, IOptions<DurableTaskOptions> options)
{
    private readonly DurableTaskOptions _options = options.Value;
    private readonly IReadOnlySet<OrchestrationRuntimeStatus> _defaultDedupe = DedupePolicy.FromSetting(options.Value.OverridableExistingInstanceStates);

    /// <summary>
    /// Schedules a new instance. The check against an existing instance with the same ID and the insert are one
    /// atomic commit, so concurrent starts of one ID create exactly one instance; the others get
    /// <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? startOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (!registry.Orchestrators.TryGetValue(orchestratorName, out var type))
        {
            throw new ArgumentException(
                $"No orchestrator named '{orchestratorName}' is registered (registered: {string.Join(", ", registry.Orchestrators.Keys)}).",
                nameof(orchestratorName));
        }

        var instanceId = startOptions?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (InstanceIdRules.Validate(instanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(startOptions));
        }

        var serialized = CheckSize(DurableJson.Serialize(input), "input");
        var result = await store.CreateInstanceAsync(
            new NewInstance
            {
                InstanceId = instanceId,
                Name = type.Name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Input = serialized,
                DedupeStatuses = startOptions?.DedupeStatuses ?? _defaultDedupe,
                Payloads = startOptions?.Payloads ?? [],
            },
            cancellationToken);
        if (!result.Created)
        {
            throw new OrchestrationAlreadyExistsException(instanceId, result.ExistingStatus!.Value);
        }

        return instanceId;
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var record = await store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        return record is null ? null : new OrchestrationMetadata(record);
    }

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new InvalidOperationException($"No instance with ID '{instanceId}' exists.");
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await store.WaitForChangeAsync(instanceId, TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Waits until the instance has left Pending (or finished).</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, false, cancellationToken)
                ?? throw new InvalidOperationException($"No instance with ID '{instanceId}' exists.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await store.WaitForChangeAsync(instanceId, TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// Raises an event. Accepted for Pending, Running and Suspended instances (kept until the orchestrator waits for it);
    /// refused for unknown and finished instances.
    /// </summary>
    public Task<SendEventResult> RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default) =>
        RaiseEventAsync(instanceId, eventName, eventPayload, [], cancellationToken);

    /// <summary>Raises an event and commits claim-check payloads with it, atomically.</summary>
    public Task<SendEventResult> RaiseEventAsync(string instanceId, string eventName, object? eventPayload, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return store.SendMessageAsync(instanceId, new HistoryEvent
        {
            Type = HistoryEventType.EventRaised,
            Timestamp = DateTime.UtcNow,
            Name = eventName,
            Data = CheckSize(DurableJson.Serialize(eventPayload), "event payload"),
        }, payloads, cancellationToken);
    }

    /// <summary>Reads a claim-check payload committed with a start or an event.</summary>
    public Task<ReadOnlyMemory<byte>?> GetPayloadAsync(string key, CancellationToken cancellationToken = default) => store.GetPayloadAsync(key, cancellationToken);

    public Task DeletePayloadAsync(string key, CancellationToken cancellationToken = default) => store.DeletePayloadAsync(key, cancellationToken);

    public Task PutPayloadAsync(StoredPayload payload, CancellationToken cancellationToken = default) => store.PutPayloadAsync(payload, cancellationToken);

    /// <summary>Claims a key: stores the payload only if the key is new, atomically; false when someone claimed it before.</summary>
    public Task<bool> TryAddPayloadAsync(StoredPayload payload, CancellationToken cancellationToken = default) => store.TryAddPayloadAsync(payload, cancellationToken);

    /// <summary>A page of payload keys with this prefix, in ordinal order, after <paramref name="after"/> (see <see cref="IOrchestrationStore.ListPayloadKeysAsync"/>).</summary>
    public Task<IReadOnlyList<string>> ListPayloadKeysAsync(string prefix, string? after = null, int pageSize = 500, CancellationToken cancellationToken = default) =>
        store.ListPayloadKeysAsync(prefix, after, pageSize, cancellationToken);

    public Task<SendEventResult> TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, HistoryEventType.ExecutionTerminated, reason, cancellationToken);

    public Task<SendEventResult> SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, HistoryEventType.ExecutionSuspended, reason, cancellationToken);

    public Task<SendEventResult> ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, HistoryEventType.ExecutionResumed, reason, cancellationToken);

    /// <summary>Deletes a finished instance and its history. False when unknown or still running.</summary>
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        store.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<int> PurgeAllInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        store.PurgeInstancesAsync(filter, cancellationToken);

    public async Task<(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken)> GetAllInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        var page = await store.QueryInstancesAsync(query, cancellationToken);
        return (page.Instances.Select(r => new OrchestrationMetadata(r)).ToList(), page.ContinuationToken);
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        store.GetHistoryAsync(instanceId, cancellationToken);

    private Task<SendEventResult> Control(string instanceId, HistoryEventType type, string? reason, CancellationToken cancellationToken) =>
        store.SendMessageAsync(instanceId, new HistoryEvent { Type = type, Timestamp = DateTime.UtcNow, Data = DurableJson.Serialize(reason) }, [], cancellationToken);

    private string? CheckSize(string? serialized, string what) =>
        serialized is { Length: var length } && length > _options.MaxPayloadChars
            ? throw new ArgumentException($"The {what} is {length} characters of JSON; the limit is {_options.MaxPayloadChars} (extensions:durableTask:maxPayloadChars).")
            : serialized;
}
