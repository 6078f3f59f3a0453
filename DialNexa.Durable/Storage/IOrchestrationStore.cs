using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>
/// The store contract the engine runs on (embedded SQLite, Azure Storage). Every write is atomic: a create inserts the
/// instance, its start message and its payloads together; a checkpoint appends history, updates the instance, removes
/// the consumed messages and enqueues the outbound work together. Work is handed out at least once.
/// </summary>
public interface IOrchestrationStore : IAsyncDisposable
{
    /// <summary>Opens the store (creates or migrates the schema) and recovers work left by a stopped host.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Creates an instance with its ExecutionStarted message, decided atomically against <see cref="NewInstance.DedupeStatuses"/>.</summary>
    Task<CreateInstanceResult> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a message (event, terminate, suspend, resume) to an existing, unfinished instance (Pending included),
    /// with claim-check payloads committed in the same transaction. Nothing is written when the answer is not Accepted.
    /// </summary>
    Task<SendEventResult> SendMessageAsync(string instanceId, HistoryEvent message, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken);

    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool fetchInputsAndOutputs, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance with its history and payloads. False when unknown or not finished.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken);

    /// <summary>Returns when the instance may have changed, or after <paramref name="maxWait"/>.</summary>
    Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Waits for and locks the next instance with messages to process.</summary>
    Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Loads an instance's row and history to replay it (null when the instance does not exist).</summary>
    Task<OrchestrationState?> LoadOrchestrationStateAsync(string instanceId, CancellationToken cancellationToken);

    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Releases the work item so it is handed out again after <paramref name="delay"/>.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken);

    Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Removes the activity and delivers its TaskCompleted or TaskFailed to the orchestration, atomically.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken);

    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken);

    Task RecordDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken);

    Task PutPayloadAsync(StoredPayload payload, CancellationToken cancellationToken);

    /// <summary>Stores the payload only when its key is new; false when the key already exists (a claim, decided atomically).</summary>
    Task<bool> TryAddPayloadAsync(StoredPayload payload, CancellationToken cancellationToken);

    Task<ReadOnlyMemory<byte>?> GetPayloadAsync(string key, CancellationToken cancellationToken);

    Task DeletePayloadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Keys of stored payloads that start with <paramref name="prefix"/>, in ordinal order, each after
    /// <paramref name="after"/> (exclusive; null from the start), at most <paramref name="pageSize"/>: an index an app
    /// keeps in payloads is read in pages by passing the last key of one page as the next page's <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListPayloadKeysAsync(string prefix, string? after, int pageSize, CancellationToken cancellationToken);
}
