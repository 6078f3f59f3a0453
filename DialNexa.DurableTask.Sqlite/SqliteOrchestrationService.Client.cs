using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>The client side: starting instances, sending them messages, reading and waiting for their state.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const string StateColumns =
        "instance_id, execution_id, name, version, status, input, output, custom_status, failure, parent, tags, generation, created_at, updated_at, completed_at, scheduled_start";

    private static readonly JsonDataConverter HistoryConverter = JsonDataConverter.Default;

    /// <summary>Starts an instance; one that exists and is Pending, Running or Suspended is kept (<see cref="OrchestrationAlreadyExistsException"/>).</summary>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, DefaultDedupeStatuses);

    /// <summary>
    /// Starts an instance. If one with that ID exists in one of <paramref name="dedupeStatuses"/>, throws
    /// <see cref="OrchestrationAlreadyExistsException"/>; any other is replaced (its history, messages and activities are
    /// deleted). Null statuses mean Pending, Running and Suspended; an empty array replaces whatever exists. A start with
    /// <see cref="ExecutionStartedEvent.ScheduledStartTime"/> stays Pending until then.
    /// </summary>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent start)
        {
            throw new ArgumentException($"Only {nameof(EventType.ExecutionStarted)} messages create instances.", nameof(creationMessage));
        }

        var instanceId = creationMessage.OrchestrationInstance?.InstanceId;
        if (string.IsNullOrEmpty(instanceId))
        {
            throw new ArgumentException("The creation message has no instance ID.", nameof(creationMessage));
        }

        var executionId = start.OrchestrationInstance?.ExecutionId ?? creationMessage.OrchestrationInstance!.ExecutionId;
        if (string.IsNullOrEmpty(executionId))
        {
            executionId = Guid.NewGuid().ToString("N");
        }

        start.OrchestrationInstance ??= new OrchestrationInstance { InstanceId = instanceId };
        start.OrchestrationInstance.ExecutionId = executionId;
        creationMessage.OrchestrationInstance!.ExecutionId = executionId;
        var dedupe = dedupeStatuses ?? DefaultDedupeStatuses;
        var json = StoredFormat.WriteMessage(creationMessage);
        await EnsureOpenAsync(CancellationToken.None);
        var created = await Writer.WriteUrgentAsync(batch => (CreateInstance(batch, creationMessage, json, dedupe, DateTime.UtcNow, out var existing), existing));
        if (created.Item1 == CreateOutcome.Exists)
        {
            throw new OrchestrationAlreadyExistsException($"An orchestration instance with ID '{instanceId}' already exists and is {created.Item2}.");
        }
    }

    /// <summary>Sends a message to an instance (see <see cref="SendTaskOrchestrationMessageBatchAsync"/>).</summary>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <summary>
    /// Sends messages in one transaction. A message for an instance that does not exist or has ended, or that names an
    /// execution the instance no longer runs, is dropped (as DurableTask's providers do); messages for a Pending instance wait
    /// for its start. An ExecutionStarted message starts an instance unless one is Pending, Running or Suspended.
    /// </summary>
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prepared = messages.Select(m => (Message: m, Json: StoredFormat.WriteMessage(m))).ToList();
        await EnsureOpenAsync(CancellationToken.None);
        await Writer.WriteUrgentAsync(batch =>
        {
            var now = DateTime.UtcNow;
            foreach (var (message, json) in prepared)
            {
                if (message.Event is ExecutionStartedEvent)
                {
                    CreateInstance(batch, message, json, DefaultDedupeStatuses, now, out _);
                }
                else
                {
                    InsertMessageIfAlive(batch, message, json);
                }
            }
        });
    }

    /// <summary>Terminates an instance (a Pending one included) with <paramref name="reason"/>; an ended instance is left as it is.</summary>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });
    }

    /// <summary>
    /// Waits until the instance is Completed, Failed, Terminated or Canceled and returns its state; null when
    /// <paramref name="timeout"/> passes first. Woken in-process by each commit that changes the instance, not by polling.
    /// The execution ID is not compared: the wait follows the instance through ContinueAsNew.
    /// </summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var deadline = timeout == Timeout.InfiniteTimeSpan || timeout == TimeSpan.MaxValue ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            // Registered before reading, so a change committed in between still wakes this wait.
            var signal = _changeWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var state = await ReadStateAsync(instanceId, cancellationToken);
            if (state is not null && IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            var remaining = deadline == DateTime.MaxValue ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow;
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                return null!;
            }

            try
            {
                await signal.Task.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null!;
            }
        }
    }

    /// <summary>The instance's state in a one-item list (the store keeps the latest execution only), or an empty list.</summary>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await ReadStateAsync(instanceId, CancellationToken.None);
        return state is null ? [] : [state];
    }

    /// <summary>The instance's state, or null when it does not exist or runs another execution than <paramref name="executionId"/> (when given).</summary>
    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        var state = await ReadStateAsync(instanceId, CancellationToken.None);
        return state is not null && (string.IsNullOrEmpty(executionId) || string.Equals(state.OrchestrationInstance.ExecutionId, executionId, StringComparison.Ordinal))
            ? state
            : null!;
    }

    /// <summary>
    /// The current execution's history as DurableTask.Core's JSON (<see cref="JsonDataConverter.Default"/>, readable back as a
    /// list of <see cref="HistoryEvent"/>); "[]" when the instance or that execution does not exist.
    /// </summary>
    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await using var connection = await OpenReadAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT execution_id FROM instances WHERE instance_id = $i";
            command.Parameters.AddWithValue("$i", instanceId);
            if (await command.ExecuteScalarAsync() is not string current
                || (!string.IsNullOrEmpty(executionId) && !string.Equals(current, executionId, StringComparison.Ordinal)))
            {
                return "[]";
            }
        }

        var events = await ReadHistoryAsync(connection, transaction, instanceId);
        return HistoryConverter.Serialize(events);
    }

    private async Task<OrchestrationState?> ReadStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StateColumns} FROM instances WHERE instance_id = $i";
        command.Parameters.AddWithValue("$i", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadState(reader, fetchInputsAndOutputs: true) : null;
    }

    private static OrchestrationState ReadState(SqliteDataReader reader, bool fetchInputsAndOutputs)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTime? Time(int ordinal) => reader.IsDBNull(ordinal) ? null : FromTicks(reader.GetInt64(ordinal));
        return new OrchestrationState
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = reader.GetString(0), ExecutionId = reader.GetString(1) },
            Name = reader.GetString(2),
            Version = Text(3),
            OrchestrationStatus = (OrchestrationStatus)reader.GetInt32(4),
            Input = fetchInputsAndOutputs ? Text(5) : null,
            Output = fetchInputsAndOutputs ? Text(6) : null,
            Status = Text(7),
            FailureDetails = Text(8) is { } failure ? StoredJson.Deserialize<FailureDetails>(failure) : null,
            ParentInstance = Text(9) is { } parent ? StoredJson.Deserialize<ParentInstance>(parent) : null,
            Tags = Text(10) is { } tags ? StoredJson.Deserialize<Dictionary<string, string>>(tags) : null,
            Generation = reader.IsDBNull(11) ? null : reader.GetInt32(11),
            CreatedTime = FromTicks(reader.GetInt64(12)),
            LastUpdatedTime = FromTicks(reader.GetInt64(13)),
            CompletedTime = Time(14) ?? DateTime.MinValue,
            ScheduledStartTime = Time(15),
        };
    }
}
