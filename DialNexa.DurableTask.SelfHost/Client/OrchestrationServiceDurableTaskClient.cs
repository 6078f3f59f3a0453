using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Tracing;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>
/// A <see cref="DurableTaskClient"/> over a DurableTask.Core orchestration service client (SQLite, Azure Storage,
/// in-memory), so code written against Microsoft.DurableTask's client runs unchanged on the self-host.
/// </summary>
/// <remarks>
/// Queries (<see cref="GetAllInstancesAsync"/>, <see cref="ListInstanceIdsAsync"/>) need the service client to also be an
/// <see cref="IOrchestrationServiceQueryClient"/>; purges need <see cref="IOrchestrationServicePurgeClient"/>; rewind
/// needs DurableTask.AzureStorage or an <see cref="IOrchestrationServiceRewindClient"/>. Without them those members throw
/// <see cref="NotSupportedException"/> naming what is missing. Recursive terminate and purge find sub-orchestrations in
/// the instance's history, so they need a provider that returns history.
/// </remarks>
public sealed partial class OrchestrationServiceDurableTaskClient : DurableTaskClient
{
    /// <summary>The earliest creation time a purge filter sends when it names none (Azure Tables' smallest date).</summary>
    private static readonly DateTime EarliestCreatedTime = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly IOrchestrationServiceClient _client;
    private readonly IOrchestrationServiceQueryClient? _queryClient;
    private readonly IOrchestrationServicePurgeClient? _purgeClient;
    private readonly IOrchestrationServiceRewindClient? _rewindClient;
    private readonly DataConverter _dataConverter;
    private readonly DurableTaskSelfHostOptions _options;

    /// <summary>Creates a client over <paramref name="client"/>.</summary>
    /// <param name="client">The orchestration service's client side; its query, purge and rewind interfaces are used when it has them.</param>
    /// <param name="dataConverter">Serializes inputs, outputs and event payloads; share it with the worker. Default: <see cref="JsonDataConverter.Default"/>.</param>
    /// <param name="options">Dedupe default and polling interval; default: <see cref="DurableTaskSelfHostOptions"/>'s defaults.</param>
    /// <param name="name">The client's name (<see cref="DurableTaskClient.Name"/>).</param>
    public OrchestrationServiceDurableTaskClient(
        IOrchestrationServiceClient client,
        DataConverter? dataConverter = null,
        DurableTaskSelfHostOptions? options = null,
        string name = "SelfHost")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _queryClient = client as IOrchestrationServiceQueryClient;
        _purgeClient = client as IOrchestrationServicePurgeClient;
        _rewindClient = client switch
        {
            IOrchestrationServiceRewindClient rewind => rewind,
            AzureStorageOrchestrationService azureStorage => new AzureStorageRewindClient(azureStorage),
            _ => null,
        };
        _dataConverter = dataConverter ?? JsonDataConverter.Default;
        _options = options ?? new DurableTaskSelfHostOptions();
    }

    /// <summary>Whether <see cref="RewindInstanceAsync"/> is supported by the orchestration service.</summary>
    public bool SupportsRewind => _rewindClient is not null;

    /// <summary>The data converter shared with the worker.</summary>
    public DataConverter DataConverter => _dataConverter;

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var dedupe = ResolveDedupeStatuses(options?.DedupeStatuses);
        await TerminateReplaceableInstanceAsync(instanceId, dedupe, existing: null, cancellation);

        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given, StringComparer.Ordinal) : null;
        await CreateAsync(
            instanceId,
            orchestratorName.Name,
            options?.Version?.Version ?? string.Empty,
            _dataConverter.Serialize(input),
            options?.StartAt,
            tags,
            dedupe,
            cancellation);
        return instanceId;
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        return SendAsync(instanceId, new EventRaisedEvent(-1, _dataConverter.Serialize(eventPayload)) { Name = eventName });
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));
    }

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With <see cref="TerminateInstanceOptions.Recursive"/>, every sub-orchestration the instance's history shows started
    /// and not yet finished is terminated too, and theirs in turn.
    /// </remarks>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var reason = _dataConverter.Serialize(options?.Output);
        if (options?.Recursive == true)
        {
            var children = await GetUnfinishedSubOrchestrationsAsync(instanceId, cancellation);
            await _client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
            foreach (var child in children)
            {
                var state = await GetStateAsync(child, cancellation);
                if (state is not null && state.OrchestrationStatus.IsRunning())
                {
                    await TerminateInstanceAsync(child, options, cancellation);
                }
            }

            return;
        }

        await _client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        while (true)
        {
            var state = await GetStateAsync(instanceId, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
            if (state.OrchestrationStatus != CoreStatus.Pending)
            {
                return await ToMetadataAsync(state, getInputsAndOutputs, cancellation);
            }

            await Task.Delay(_options.StatusPollingInterval, cancellation);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Waits through the orchestration service's own <c>WaitForOrchestrationAsync</c>.</remarks>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var state = await _client.WaitForOrchestrationAsync(instanceId, executionId: null!, Timeout.InfiniteTimeSpan, cancellation);
            if (state is not null && state.OrchestrationStatus.IsTerminal())
            {
                // The provider's waiter may answer with a record read before its last write; read it once more so
                // inputs, outputs and failure details are the final ones.
                var latest = await GetStateAsync(instanceId, cancellation);
                return await ToMetadataAsync(latest is not null && latest.OrchestrationStatus.IsTerminal() ? latest : state, getInputsAndOutputs, cancellation);
            }

            // A provider whose wait gave up early (or found no instance yet) is asked again, not in a tight loop.
            await Task.Delay(_options.StatusPollingInterval, cancellation);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task CreateAsync(
        string instanceId,
        string name,
        string version,
        string? serializedInput,
        DateTimeOffset? startAt,
        IDictionary<string, string>? tags,
        IReadOnlyList<CoreStatus> dedupe,
        CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = name,
            Version = version,
            OrchestrationInstance = instance,
            ScheduledStartTime = startAt?.UtcDateTime,
            Tags = tags,

            // The runtime's spans for this orchestration, its activities and what they call join the caller's trace.
            ParentTraceContext = Activity.Current is { Id: { } traceParent } caller ? new DistributedTraceContext(traceParent, caller.TraceStateString) : null,
        };
        await _client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, [.. dedupe]);
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    /// <summary>
    /// The statuses in which an existing instance makes the start fail. Named statuses are used as given; none given
    /// falls back to <see cref="DurableTaskSelfHostOptions.OverridableExistingInstanceStates"/>.
    /// </summary>
    private IReadOnlyList<CoreStatus> ResolveDedupeStatuses(IReadOnlyList<string>? named)
    {
        if (named is null)
        {
            return _options.OverridableExistingInstanceStates == OverridableExistingInstanceStates.AnyState
                ? []
                : CoreConversions.RunningStatuses;
        }

        var statuses = new List<CoreStatus>();
        foreach (var name in named)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                throw new ArgumentException($"'{name}' is not an orchestration runtime status; dedupe statuses must be runtime status names.", nameof(named));
            }

            statuses.Add(status.ToCoreStatus());
        }

        var replacesRunning = CoreConversions.RunningStatuses.Any(s => !statuses.Contains(s));
        if (replacesRunning && statuses.Contains(CoreStatus.Terminated))
        {
            throw new ArgumentException(
                "Dedupe statuses that allow replacing a Pending, Running or Suspended instance cannot include Terminated: the running instance is terminated before it is replaced, and would then block the start.",
                nameof(named));
        }

        return statuses;
    }

    /// <summary>
    /// A start that may replace an unfinished instance terminates it first and waits for the termination, because a
    /// provider would otherwise append a second start to a live history.
    /// </summary>
    private async Task TerminateReplaceableInstanceAsync(string instanceId, IReadOnlyList<CoreStatus> dedupe, OrchestrationState? existing, CancellationToken cancellation)
    {
        if (CoreConversions.RunningStatuses.All(dedupe.Contains))
        {
            return;
        }

        existing ??= await GetStateAsync(instanceId, cancellation);
        if (existing is null)
        {
            return;
        }

        if (dedupe.Contains(existing.OrchestrationStatus))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance ID '{instanceId}' already exists with status {existing.OrchestrationStatus}.");
        }

        if (existing.OrchestrationStatus.IsRunning())
        {
            await _client.ForceTerminateTaskOrchestrationAsync(
                instanceId,
                $"Replaced by a new start of instance '{instanceId}' (it was {existing.OrchestrationStatus}).");
            await WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellation);
        }
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Any(char.IsControl))
        {
            throw new ArgumentException("An instance ID cannot contain control characters.", nameof(instanceId));
        }
    }

    private static string Describe(object service) => service.GetType().Name;
}
