using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using DialNexa.Durable.Core;
using Microsoft.Data.Sqlite;

namespace DialNexa.Durable.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file per task hub in WAL mode, written by a single group-commit writer. Work is
/// dispatched from memory (what is queued is always committed first) and reloaded from the file when a host starts,
/// so a killed host's work is picked up by the next one. One host owns the file at a time (an OS file lock).
/// </summary>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore
{
    /// <summary>
    /// The history format with minimal escaping: an event's data is JSON inside a JSON string, and the default
    /// encoder writes each of its quotes as six characters. Rows are read back by the same source-generated reader.
    /// </summary>
    private static readonly JsonTypeInfo<HistoryEvent> StoredEvent = new HistoryJsonContext(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }).HistoryEvent;

    private readonly SqliteStoreOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceQueue> _queues = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Channel<ActivityWorkItem> _activities = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly PriorityQueue<OrchestrationMessage, DateTime> _timers = new();
    private readonly SemaphoreSlim _timerSignal = new(0);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changeWaiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Events already serialized by this store (by reference), so the same event is not serialized twice.</summary>
    private readonly ConditionalWeakTable<HistoryEvent, byte[]> _eventJson = new();
    private SqliteConnection? _writeConnection;
    private SqliteWriter? _writer;
    private FileStream? _hostLock;
    private Task? _timerLoop;
    private string _readConnectionString = "";
    private long _nextMessageId;
    private long _nextActivityId;

    public SqliteOrchestrationStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Transactions committed by the writer (for benchmarks: fsyncs shared by many writes).</summary>
    public long CommitCount => _writer?.Commits ?? 0;

    /// <summary>Writes committed by the writer.</summary>
    public long WriteCount => _writer?.Writes ?? 0;

    /// <summary>Time the single writer has spent committing, for benchmarks (its share of wall time is its load).</summary>
    public TimeSpan WriterBusy => _writer?.Busy ?? TimeSpan.Zero;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DataDirectory);
        _hostLock = AcquireHostLock(_options.DatabasePath + ".lock");
        var builder = new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Pooling = true, Cache = SqliteCacheMode.Private };
        _writeConnection = new SqliteConnection(builder.ToString());
        await _writeConnection.OpenAsync(cancellationToken);
        Pragma(_writeConnection, "journal_mode = WAL");
        Pragma(_writeConnection, $"synchronous = {ValidSynchronous(_options.Synchronous)}");
        Pragma(_writeConnection, "temp_store = MEMORY");
        Pragma(_writeConnection, "cache_size = -16384");
        Pragma(_writeConnection, "secure_delete = ON");
        SqliteSchema.Apply(_writeConnection);
        builder.Mode = SqliteOpenMode.ReadWrite;
        _readConnectionString = builder.ToString();
        Recover(_writeConnection);
        _writer = new SqliteWriter(_writeConnection, _options.MaxBatchSize);
        _timerLoop = Task.Run(RunTimersAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _ready.Writer.TryComplete();
        _activities.Writer.TryComplete();
        if (_timerLoop is not null)
        {
            await _timerLoop;
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_writeConnection is not null)
        {
            Pragma(_writeConnection, "wal_checkpoint(TRUNCATE)");
            await _writeConnection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _hostLock?.Dispose();
        _stopping.Dispose();
        _timerSignal.Dispose();
    }

    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var instanceId = await _ready.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                if (!_queues.TryGetValue(instanceId, out var queue))
                {
                    continue;
                }

                queue.Queued = false;
                if (queue.Locked || queue.Messages.Count == 0)
                {
                    continue;
                }

                queue.Locked = true;
                queue.ArrivedWhileLocked = false;
                return new OrchestrationWorkItem(instanceId, [.. queue.Messages]);
            }
        }
    }

    public Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) =>
        _activities.Reader.ReadAsync(cancellationToken).AsTask();

    public async Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var signal = _changeWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(maxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // No change within the wait: the caller re-reads and decides.
        }
    }

    private SqliteWriter Writer => _writer ?? throw new InvalidOperationException("The embedded store has not been started.");

    private void SignalChange(string instanceId)
    {
        if (_changeWaiters.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Makes committed messages visible to workers (after commit only). Caller holds no lock.</summary>
    private void Publish(OrchestrationMessage message)
    {
        if (message.Event.FireAt is { } fireAt && fireAt > DateTime.UtcNow)
        {
            lock (_gate)
            {
                _timers.Enqueue(message, fireAt);
            }

            _timerSignal.Release();
            return;
        }

        Enqueue(message);
    }

    private void Enqueue(OrchestrationMessage message)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(message.InstanceId, out var queue))
            {
                queue = new InstanceQueue();
                _queues[message.InstanceId] = queue;
            }

            queue.Messages.Add(message);
            MakeReady(message.InstanceId, queue);
        }
    }

    private void MakeReady(string instanceId, InstanceQueue queue)
    {
        if (queue.Locked)
        {
            queue.ArrivedWhileLocked = true;
        }
        else if (!queue.Queued)
        {
            queue.Queued = true;
            _ready.Writer.TryWrite(instanceId);
        }
    }

    private async Task RunTimersAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(1);
            var due = new List<OrchestrationMessage>();
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                while (_timers.TryPeek(out _, out var fireAt))
                {
                    if (fireAt > now)
                    {
                        wait = fireAt - now < wait ? fireAt - now : wait;
                        break;
                    }

                    due.Add(_timers.Dequeue());
                }
            }

            foreach (var message in due)
            {
                Enqueue(message);
            }

            try
            {
                await _timerSignal.WaitAsync(wait, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Recover(SqliteConnection connection)
    {
        Pragma(connection, "wal_checkpoint(PASSIVE)");
        using (var bump = connection.CreateCommand())
        {
            // Work found in the file was handed out by a host that stopped: count that delivery.
            bump.CommandText = "UPDATE messages SET dequeue_count = dequeue_count + 1; UPDATE activities SET dequeue_count = dequeue_count + 1;";
            bump.ExecuteNonQuery();
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, instance_id, dequeue_count, event FROM messages ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var message = new OrchestrationMessage(reader.GetString(1), DurableJson.DeserializeEvent(reader.GetFieldValue<byte[]>(3)))
                {
                    StoreHandle = reader.GetInt64(0),
                    DequeueCount = reader.GetInt32(2),
                };
                _nextMessageId = Math.Max(_nextMessageId, reader.GetInt64(0));
                Publish(message);
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, instance_id, execution_id, dequeue_count, event FROM activities ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _nextActivityId = Math.Max(_nextActivityId, reader.GetInt64(0));
                _activities.Writer.TryWrite(new ActivityWorkItem(reader.GetString(1), reader.GetString(2), DurableJson.DeserializeEvent(reader.GetFieldValue<byte[]>(4)))
                {
                    StoreHandle = reader.GetInt64(0),
                    DequeueCount = reader.GetInt32(3),
                });
            }
        }
    }

    private static FileStream AcquireHostLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another host is using the embedded store '{path[..^5]}'. The embedded store serves one host; stop the other host, set DialNexa:DataDirectory to another folder, or use Azure Storage (AzureWebJobsStorage) for several hosts.",
                ex);
        }
    }

    private static string ValidSynchronous(string value) => value.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new InvalidOperationException(
            $"extensions:durableTask:storageProvider:synchronous is '{value}'; use FULL (durable, the default) or NORMAL."),
    };

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }

    /// <summary>An event as UTF-8 JSON, bound as it is: no string to transcode, no second UTF-8 copy for SQLite.</summary>
    private static byte[] SerializeEvent(HistoryEvent historyEvent) => JsonSerializer.SerializeToUtf8Bytes(historyEvent, StoredEvent);

    private static long Ticks(DateTime value) => value.ToUniversalTime().Ticks;

    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
