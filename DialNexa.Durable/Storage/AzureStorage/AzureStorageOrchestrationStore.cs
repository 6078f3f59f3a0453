using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// The engine's store on Azure Storage tables and queues, shared by any number of hosts.
/// <para>
/// Layout for hub <c>H</c>: table <c>HInstances</c> holds one partition per instance: its status row (<c>i</c>), its
/// history in one chunk row per episode (<c>h|execution|seq</c>), the messages waiting for it (<c>m|…</c>) and the
/// outbox of its last checkpoints (<c>o|execution|seq</c>), and a marker per payload committed with it (<c>p|…</c>). Queues <c>h-control-NN</c> carry wake-ups only (the
/// instance ID), one queue per partition, each read by the host that holds the partition's lease in
/// <c>HPartitions</c> (ETag-guarded rows, renewed, stolen for balance, taken over when they expire). Queue
/// <c>h-workitems</c> carries the activities not run where their instance runs (see below) to every host. <c>HPayloads</c>, <c>HLarge</c> (compressed out-of-line data)
/// and <c>HDeadLetters</c> complete the hub; the hub name keeps environments and test runs apart.
/// </para>
/// <para>
/// Checkpoint: everything an episode changes lives in the instance's partition, so it is ONE entity group
/// transaction: insert the history chunk (409 if another host got there first), replace the status row if its ETag
/// still matches (412 otherwise), delete the consumed message rows, insert the outbox row listing what must go out
/// (activities, timers, messages to other instances, children), and delete the outbox rows of earlier checkpoints that
/// this host carried out itself and that no longer wait for an activity. A crash before the batch commits leaves
/// nothing behind: the wake-ups are still in the control queue and the episode replays. After the batch the outbox is
/// carried out (each item idempotent: fixed row keys, children recognised by execution ID); its row stays until a
/// later checkpoint's batch deletes it (or is deleted at once when the execution ended). A host that loads an instance
/// and finds an outbox row it did not carry out itself (its host stopped) carries it out first, activities through the
/// work-item queue, and deletes the row. Nothing is ever shown as Running once its completion committed, because
/// status and history commit together.
/// </para>
/// <para>
/// Local activities (the usual case; <see cref="AzureStorageStoreOptions.LocalActivities"/>): when this host holds the
/// instance's partition and the episode holds a queue message that woke it, the checkpoint's activities do not go to
/// the work-item queue: they go to this host's workers through an in-memory channel, and each result is kept in memory
/// as the instance's wake-up. The next episode then needs no read either, when only such results woke it: this host
/// keeps the status row as its own checkpoint wrote it, with the ETag the batch returned (a 412 means another host
/// wrote since; the retry reads the rows). That episode's batch commits the results as history and deletes the outbox
/// row once every activity it listed has its result committed, so a step costs about one storage call. The outbox row
/// stays the durable record of the activities meanwhile, and the queue messages that woke the instance are not deleted
/// while local work is under way (until then they only stay hidden): if the host dies they reappear, and whoever loads
/// the instance carries the outbox out again, so the activities run again (at least once). Results an episode cannot
/// take yet (suspended instance), and results of a partition this host lost meanwhile, are written as message rows
/// with a control-queue wake-up, as a queued activity's result is.
/// </para>
/// <para>
/// Queued activities (another host runs the instance, the option is off, or an outbox is carried out again after a
/// crash): the result is written as a message row (fixed key per step, so a repeat overwrites it), then the instance
/// is woken: through its control queue, or, when this host runs the instance, by keeping the activity's own queue
/// message as the wake-up until the episode that consumes the result has committed (if the host dies first the
/// message reappears and the activity runs again). Activities and messages may therefore be delivered twice; the
/// engine ignores results of steps no longer awaited, message rows of another execution are dropped, and activities
/// with outside effects dedupe by a key derived from the instance and step.
/// </para>
/// <para>
/// Payloads committed with a start or an event go to <c>HPayloads</c> first, naming their instance, and count as
/// stored only once the instance's batch committed their <c>p|</c> row (no batch spans two tables).
/// </para>
/// </summary>
public sealed partial class AzureStorageOrchestrationStore : IOrchestrationStore
{
    private const int MaxMessagesPerWorkItem = 64;

    /// <summary>The partition number of wake-ups that are activity messages held until their result is consumed.</summary>
    private const int WorkItemQueue = -1;

    private readonly AzureStorageStoreOptions _options;
    private readonly ILogger _logger;
    private readonly StorageTable _instances;
    private readonly StorageTable _partitions;
    private readonly StorageTable _payloads;
    private readonly StorageTable _large;
    private readonly StorageTable _deadLetters;
    private readonly StorageQueue[] _control;
    private readonly StorageQueue _workItems;
    private readonly PayloadCodec _codec;
    private readonly StorageCallCounter _calls = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Channel<ActivityWorkItem> _activities = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly Dictionary<string, LocalRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TableEntity> _unstarted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changeWaiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _owned = new();
    private readonly ConcurrentDictionary<Task, bool> _background = new();
    private long _lastOrder;
    private int _readyCount;
    private Task? _leaseLoop;
    private Task? _activityLoop;
    private bool _started;

    public AzureStorageOrchestrationStore(AzureStorageStoreOptions options, ILogger<AzureStorageOrchestrationStore>? logger = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var tables = StoragePipeline.Build(options.Account, StorageService.Table, transport, _calls);
        var queues = StoragePipeline.Build(options.Account, StorageService.Queue, transport, _calls);
        var hub = options.HubName;
        _instances = new StorageTable(tables, options.Account.TableEndpoint, hub + "Instances");
        _partitions = new StorageTable(tables, options.Account.TableEndpoint, hub + "Partitions");
        _payloads = new StorageTable(tables, options.Account.TableEndpoint, hub + "Payloads");
        _large = new StorageTable(tables, options.Account.TableEndpoint, hub + "Large");
        _deadLetters = new StorageTable(tables, options.Account.TableEndpoint, hub + "DeadLetters");
        var prefix = hub.ToLowerInvariant();
        _control = Enumerable.Range(0, options.PartitionCount)
            .Select(p => new StorageQueue(queues, options.Account.QueueEndpoint, $"{prefix}-control-{p:D2}"))
            .ToArray();
        _workItems = new StorageQueue(queues, options.Account.QueueEndpoint, prefix + "-workitems");
        _codec = new PayloadCodec(_large);
    }

    /// <summary>Partitions this host holds now (for tests and status).</summary>
    public IReadOnlyCollection<int> OwnedPartitions => _owned.Keys.Order().ToList();

    public string HostId => _options.HostId;

    /// <summary>The settings this store runs with (for tests of configuration binding).</summary>
    internal AzureStorageStoreOptions Options => _options;

    /// <summary>HTTP requests this store has sent to Azure Storage so far (retries included), for benchmarks.</summary>
    public long StorageCalls => _calls.Calls;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(
                new[] { _instances, _partitions, _payloads, _large, _deadLetters }.Select(t => t.CreateIfNotExistsAsync(cancellationToken))
                    .Concat(_control.Append(_workItems).Select(q => q.CreateIfNotExistsAsync(cancellationToken))));
            await EnsureLeaseRowsAsync(cancellationToken);
            await BalanceLeasesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is StorageRequestException or Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azure Storage at {_options.Account} could not be opened for hub '{_options.HubName}': {ex.Message} Check AzureWebJobsStorage (and that Azurite or the account is reachable).",
                ex);
        }

        _started = true;
        _leaseLoop = Task.Run(() => RunLeasesAsync(_stopping.Token), CancellationToken.None);
        _activityLoop = Task.Run(() => FetchActivitiesAsync(_stopping.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _ready.Writer.TryComplete();
        _activities.Writer.TryComplete();
        foreach (var partition in _owned.Values)
        {
            await partition.CancelAsync();
        }

        foreach (var loop in new[] { _leaseLoop, _activityLoop }.OfType<Task>())
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(_background.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_started)
        {
            await ReleaseHeldWorkAsync();
        }

        foreach (var partition in _owned.Values)
        {
            partition.Dispose();
        }

        _stopping.Dispose();
    }

    public async Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // Changes made by this host signal at once; changes by other hosts are seen on the next read.
        var signal = _changeWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var wait = maxWait < TimeSpan.FromMilliseconds(250) ? maxWait : TimeSpan.FromMilliseconds(250);
        try
        {
            await signal.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The caller re-reads and decides.
        }
    }

    /// <summary>Hands out held wake-ups and activities again at once when this host stops, so the next host need not wait for them to time out.</summary>
    private async Task ReleaseHeldWorkAsync()
    {
        List<(int Partition, QueueMessage Hint)> held;
        lock (_gate)
        {
            held = _slots.Values.Where(s => !s.Locked).SelectMany(s => s.Hints).ToList();
            _slots.Clear();
        }

        // A held activity message stands for a result already written: wake its instance through the control queue instead.
        var releases = held.Select(h => h.Partition == WorkItemQueue
                ? TryAsync(async () =>
                {
                    await WakeAsync(HintInstance(h.Hint), TimeSpan.Zero, CancellationToken.None);
                    await _workItems.DeleteAsync(h.Hint, CancellationToken.None);
                })
                : TryAsync(() => _control[h.Partition].UpdateVisibilityAsync(h.Hint, TimeSpan.Zero, CancellationToken.None)))
            .ToList();

        // Activities fetched but not started go back at once; local ones stay recorded in their outbox rows.
        while (_activities.Reader.TryRead(out var waiting))
        {
            if (waiting.StoreHandle is QueueMessage message)
            {
                releases.Add(TryAsync(() => _workItems.UpdateVisibilityAsync(message, TimeSpan.Zero, CancellationToken.None)));
            }
        }

        await Task.WhenAll(releases);
        await ReleaseLeasesAsync();
    }

    private static string HintInstance(QueueMessage activityMessage) =>
        System.Text.Json.JsonSerializer.Deserialize<ActivityMessage>(activityMessage.Text)!.InstanceId;

    private void SignalChange(string instanceId)
    {
        if (_changeWaiters.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>A strictly increasing order stamp for messages written by this host (time-based, so hosts interleave sensibly).</summary>
    private long NextOrder()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastOrder);
            var next = Math.Max(last + 1, DateTime.UtcNow.Ticks);
            if (Interlocked.CompareExchange(ref _lastOrder, next, last) == last)
            {
                return next;
            }
        }
    }

    private int PartitionOf(string instanceId) => Fnv1a.Partition(instanceId, _options.PartitionCount);

    private Task WakeAsync(string instanceId, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            WakeLocallyAfter(instanceId, delay);
        }

        return _control[PartitionOf(instanceId)].PutAsync(instanceId, delay, cancellationToken);
    }

    /// <summary>Sub-second timers and retries: when this host owns the instance's partition it wakes it itself at the due time.</summary>
    private void WakeLocallyAfter(string instanceId, TimeSpan delay)
    {
        if (!_owned.ContainsKey(PartitionOf(instanceId)) || delay > TimeSpan.FromMinutes(5))
        {
            return;
        }

        Track(WakeLaterAsync(instanceId, delay));
    }

    private async Task WakeLaterAsync(string instanceId, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay + TimeSpan.FromMilliseconds(5), _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (!_slots.TryGetValue(instanceId, out var slot))
            {
                slot = new InstanceSlot();
                _slots[instanceId] = slot;
            }

            slot.LocalWake = true;
            slot.NeedsQuery = true;
            MakeReady(instanceId, slot);
        }
    }

    private void MakeReady(string instanceId, InstanceSlot slot)
    {
        if (slot.Locked)
        {
            slot.ArrivedWhileLocked = true;
        }
        else if (!slot.Queued)
        {
            slot.Queued = true;
            Interlocked.Increment(ref _readyCount);
            _ready.Writer.TryWrite(instanceId);
        }
    }

    private void Track(Task task)
    {
        _background[task] = true;
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // Best effort: a wake-up or lease that cannot be released times out by itself.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            AzureStorageLog.BestEffortFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }

    private static bool IsStorageFailure(Exception ex) =>
        ex is StorageRequestException or Azure.RequestFailedException or HttpRequestException or IOException or TaskCanceledException or InvalidDataException;

    /// <summary>What this host holds for one instance: wake-ups taken from its control queue, and whether an episode runs.</summary>
    private sealed class InstanceSlot
    {
        public List<(int Partition, QueueMessage Hint)> Hints { get; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }

        public bool ArrivedWhileLocked { get; set; }

        public bool LocalWake { get; set; }

        /// <summary>Something may have changed in storage (a wake-up, a due timer, a retry): the next episode reads the instance's rows.</summary>
        public bool NeedsQuery { get; set; }
    }
}
