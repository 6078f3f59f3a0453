using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>A store that fails chosen completions (or acts just before one), to show how the engine treats work that keeps failing or races.</summary>
internal sealed class FaultyStore(IOrchestrationStore inner) : IOrchestrationStore
{
    public Func<OrchestrationWorkItem, OrchestrationCheckpoint, bool> FailCheckpoint { get; set; } = (_, _) => false;

    public Func<ActivityWorkItem, HistoryEvent, bool> FailActivityCompletion { get; set; } = (_, _) => false;

    /// <summary>Runs before a checkpoint is committed, on the real store (as another caller racing the commit would).</summary>
    public Func<IOrchestrationStore, OrchestrationCheckpoint, Task> BeforeCheckpoint { get; set; } = (_, _) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public Task<CreateInstanceResult> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken) => inner.CreateInstanceAsync(instance, cancellationToken);

    public Task<SendEventResult> SendMessageAsync(string instanceId, HistoryEvent message, IReadOnlyList<StoredPayload> payloads, CancellationToken cancellationToken) => inner.SendMessageAsync(instanceId, message, payloads, cancellationToken);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool fetchInputsAndOutputs, CancellationToken cancellationToken) => inner.GetInstanceAsync(instanceId, fetchInputsAndOutputs, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken) => inner.QueryInstancesAsync(query, cancellationToken);

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken) => inner.PurgeInstancesAsync(filter, cancellationToken);

    public Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken) => inner.WaitForChangeAsync(instanceId, maxWait, cancellationToken);

    public Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

    public Task<OrchestrationState?> LoadOrchestrationStateAsync(string instanceId, CancellationToken cancellationToken) => inner.LoadOrchestrationStateAsync(instanceId, cancellationToken);

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (FailCheckpoint(workItem, checkpoint))
        {
            throw new IOException("injected checkpoint failure");
        }

        await BeforeCheckpoint(inner, checkpoint);
        await inner.CompleteOrchestrationWorkItemAsync(workItem, checkpoint, cancellationToken);
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken) => inner.AbandonOrchestrationWorkItemAsync(workItem, delay, cancellationToken);

    public Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextActivityWorkItemAsync(cancellationToken);

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken) =>
        FailActivityCompletion(workItem, result)
            ? throw new IOException("injected activity completion failure")
            : inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken) => inner.AbandonActivityWorkItemAsync(workItem, delay, cancellationToken);

    public Task RecordDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken) => inner.RecordDeadLetterAsync(deadLetter, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken) => inner.GetDeadLettersAsync(cancellationToken);

    public Task PutPayloadAsync(StoredPayload payload, CancellationToken cancellationToken) => inner.PutPayloadAsync(payload, cancellationToken);

    public Task<ReadOnlyMemory<byte>?> GetPayloadAsync(string key, CancellationToken cancellationToken) => inner.GetPayloadAsync(key, cancellationToken);

    public Task DeletePayloadAsync(string key, CancellationToken cancellationToken) => inner.DeletePayloadAsync(key, cancellationToken);

    public Task<bool> TryAddPayloadAsync(StoredPayload payload, CancellationToken cancellationToken) => inner.TryAddPayloadAsync(payload, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public Task<IReadOnlyList<string>> ListPayloadKeysAsync(string prefix, string? after, int pageSize, CancellationToken cancellationToken) => inner.ListPayloadKeysAsync(prefix, after, pageSize, cancellationToken);
}
