using Microsoft.Extensions.Logging;

namespace DialNexa.Durable;

/// <summary>
/// The orchestrator's view of the engine, mirroring Microsoft.DurableTask's context. Every method is replay-safe.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's name as registered.</summary>
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time the current episode started, from history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer: survives restarts, fires at <paramref name="fireAt"/> (UTC). Cancel it if you stop awaiting it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event by name (case-insensitive). Events raised before the wait, even while the instance
    /// was still Pending, are kept and delivered in the order they arrived.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event with a timeout, as a race against a durable timer; the loser is cancelled, so the instance can
    /// end. On timeout the returned task throws <see cref="TaskCanceledException"/>.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancelTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var cancelWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = WaitForExternalEvent<T>(eventName, cancelWait.Token);
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout), cancelTimer.Token);
        var winner = await Task.WhenAny(wait, timer);
        if (winner == wait)
        {
            // Cancel synchronously: the callbacks must run inside the orchestrator's episode, not on the thread pool.
#pragma warning disable CA1849
            cancelTimer.Cancel();
            return await wait;
        }

        cancelWait.Cancel();
#pragma warning restore CA1849
        throw new TaskCanceledException($"Event '{eventName}' was not received within {timeout}.");
    }

    /// <summary>Sets the instance's custom status, shown in status queries (at most 16 KB as JSON).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Sets the custom status when its JSON fits in 16 KB; otherwise leaves the status as it was and returns false.</summary>
    public abstract bool TrySetCustomStatus(object? customStatus);

    /// <summary>Restarts this instance with new input and empty history once the orchestrator returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
