using System.Collections.Concurrent;
using System.Threading.Channels;
using DialNexa.DurableTask.Sqlite.Dispatch;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>
/// An embedded orchestration service for DurableTask.Core: one SQLite file per task hub (WAL), written by a single
/// group-commit writer, with work dispatched from memory once it is committed and reloaded from the file when a host
/// opens it. Serves a <see cref="TaskHubWorker"/> and a <see cref="TaskHubClient"/> in the same process; one host per
/// file (an OS file lock).
/// </summary>
/// <remarks>
/// The file is opened on first use (the worker's start or any client call) and closed by <see cref="DisposeAsync"/>.
/// <see cref="StopAsync()"/> only stops handing out work, so the client keeps working after the worker stops.
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServicePurgeClient,
    IOrchestrationServiceQueryClient,
    IAsyncDisposable
{
    private static readonly OrchestrationStatus[] DefaultDedupeStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    private readonly SqliteOrchestrationServiceSettings _settings;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceQueue> _queues = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    /// <summary>Instances whose next message starts them, with when they became ready: handed out after running ones (<see cref="StartAdmission"/>).</summary>
    private readonly Channel<ReadyStart> _readyStarts = Channel.CreateUnbounded<ReadyStart>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Channel<ActivityItem> _activities = Channel.CreateUnbounded<ActivityItem>();
    private readonly Dictionary<long, ActivityItem> _lockedActivities = [];
    private readonly PendingTimers _timers = new();
    private readonly InstanceCache _cache;
    private readonly StartAdmission _startAdmission;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changeWaiters = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private readonly SemaphoreSlim _timerSignal = new(0);
    private readonly CancellationTokenSource _closing = new();
    private SqliteConnection? _writeConnection;
    private SqliteWriter? _writer;
    private HostFileLock? _hostLock;
    private WalCheckpointer? _checkpointer;
    private Task? _timerLoop;
    private string _readConnectionString = "";
    private long _nextMessageId;
    private long _nextActivityId;
    private volatile bool _dispatching;
    private volatile bool _sessionsEnding;
    private CancellationToken _watchedDispatcherShutdown;
    private volatile bool _closed;

    /// <summary>Creates the service; the file is opened on first use. Throws <see cref="ArgumentException"/> naming a bad setting.</summary>
    /// <param name="settings">Where the store lives and how it runs.</param>
    /// <param name="loggerFactory">Where the service logs (nothing when null).</param>
    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DialNexa.DurableTask.Sqlite");
        _cache = new InstanceCache(settings.InstanceCacheSize);
        _startAdmission = new StartAdmission(
            settings.MaxConcurrentActivityWorkItems,
            settings.ExtendedSessionIdleTimeout > TimeSpan.Zero ? StartAdmission.SessionsGranted(settings.MaxConcurrentOrchestrationWorkItems) : int.MaxValue);
        DatabasePath = settings.ResolvedDatabasePath;
    }

    /// <summary>The store's file.</summary>
    public string DatabasePath { get; }

    /// <summary>Transactions committed so far (each one fsync shared by the writes in it).</summary>
    public long CommitCount => _writer?.Commits ?? 0;

    /// <summary>Writes committed so far.</summary>
    public long WriteCount => _writer?.Writes ?? 0;

    /// <summary>Time the writer thread has spent in transactions (statements and fsync), for benchmarks: its share of wall time is its load.</summary>
    internal TimeSpan WriterBusy => _writer?.Busy ?? TimeSpan.Zero;

    /// <summary>Of <see cref="WriterBusy"/>, the time spent in COMMIT alone (writing and syncing the log).</summary>
    internal TimeSpan WriterCommitTime => _writer?.CommitTime ?? TimeSpan.Zero;

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => 2;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => _settings.MaxConcurrentOrchestrationWorkItems;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => _settings.MaxConcurrentActivityWorkItems;

    /// <summary>Orchestration histories held in memory between episodes.</summary>
    internal int CachedInstanceCount
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>Opens the store (if not yet open) and starts handing out work.</summary>
    public async Task StartAsync()
    {
        await EnsureOpenAsync(CancellationToken.None);
        _sessionsEnding = false;
        _dispatching = true;
    }

    /// <summary>Stops handing out work; waiting sessions end. The store stays open for clients until disposed.</summary>
    public Task StopAsync() => StopAsync(isForced: false);

    /// <inheritdoc cref="StopAsync()"/>
    public Task StopAsync(bool isForced)
    {
        _dispatching = false;
        WakeAllSessions();
        return Task.CompletedTask;
    }

    /// <summary>Opens the store, creating the file and schema when missing.</summary>
    public Task CreateAsync() => CreateAsync(recreateInstanceStore: false);

    /// <summary>Opens the store; with <paramref name="recreateInstanceStore"/>, deletes every instance, message and activity in it first.</summary>
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        await EnsureOpenAsync(CancellationToken.None);
        if (recreateInstanceStore)
        {
            await ClearAsync();
        }
    }

    /// <summary>Opens the store, creating the file and schema when missing.</summary>
    public Task CreateIfNotExistsAsync() => EnsureOpenAsync(CancellationToken.None);

    /// <summary>Deletes every instance, message and activity in the store (the file stays, open).</summary>
    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    /// <inheritdoc cref="DeleteAsync()"/>
    public async Task DeleteAsync(bool deleteInstanceStore)
    {
        await EnsureOpenAsync(CancellationToken.None);
        await ClearAsync();
    }

    /// <summary>Stops dispatch, closes the file (checkpointing the write-ahead log) and releases the host lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _dispatching = false;
        await _closing.CancelAsync();
        WakeAllSessions();
        _ready.Writer.TryComplete();
        _readyStarts.Writer.TryComplete();
        _activities.Writer.TryComplete();
        if (_timerLoop is not null)
        {
            await _timerLoop;
        }

        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_writeConnection is not null)
        {
            try
            {
                Pragma(_writeConnection, "wal_checkpoint(TRUNCATE)");
            }
            catch (SqliteException)
            {
                // The log stays; the next open replays it.
            }

            await _writeConnection.DisposeAsync();
            SqliteConnection.ClearPool(_writeConnection);
            using var reader = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(reader);
            Logs.StoreClosed(_logger, DatabasePath);
        }

        _hostLock?.Dispose();
        _openLock.Dispose();
        _timerSignal.Dispose();
        _closing.Dispose();
    }

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <summary>No dispatcher-wide back-off: a failed work item backs off on its own when abandoned.</summary>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    /// <summary>For tests: runs a PRAGMA on the writer's connection inside the writer (e.g. max_page_count to fill the disk).</summary>
    internal Task RunWriterPragmaAsync(string pragma) =>
        Writer.WriteUrgentAsync(batch => batch.Execute("PRAGMA " + pragma));

    private SqliteWriter Writer => _writer ?? throw new InvalidOperationException("The SQLite orchestration store is not open.");

    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_writer is not null)
        {
            return;
        }

        await _openLock.WaitAsync(cancellationToken);
        try
        {
            if (_writer is null)
            {
                Open();
            }
        }
        finally
        {
            _openLock.Release();
        }
    }

    /// <summary>How long the writer waits for a lock another connection holds before its write fails.</summary>
    internal const int WriterBusyTimeoutMs = 5_000;

    private void Open()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _hostLock = HostFileLock.Acquire(DatabasePath);
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true, Cache = SqliteCacheMode.Private, Mode = SqliteOpenMode.ReadWriteCreate };
            var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            Pragma(connection, "journal_mode = WAL");
            Pragma(connection, "synchronous = " + (_settings.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL"));
            Pragma(connection, "temp_store = MEMORY");
            // The writer steps its BEGIN and COMMIT directly, without the retry Microsoft.Data.Sqlite's commands do on
            // SQLITE_BUSY: SQLite's own busy handler waits out a lock a reader holds for a moment (a read mark being
            // moved), where a write would otherwise fail at once with "database is locked".
            Pragma(connection, "busy_timeout = " + WriterBusyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Pragma(connection, "cache_size = -16384");
            // The background checkpointer copies the log into the file while the writer appends; the writer's own
            // checkpoint (at 2,000 pages) finishes that copy between its transactions, so the log is reset and reused
            // instead of growing without end (a growing log makes every fsync dearer).
            Pragma(connection, "wal_autocheckpoint = 2000");
            Pragma(connection, "journal_size_limit = 67108864");
            SqliteSchema.Apply(connection);
            builder.Mode = SqliteOpenMode.ReadWrite;
            _readConnectionString = builder.ToString();
            var (messages, timers, activities) = Recover(connection);
            _writeConnection = connection;
            _writer = new SqliteWriter(connection, _settings.MaxWritesPerCommit, RunAfterCommit);
            var writer = _writer;
            _checkpointer = new WalCheckpointer(_readConnectionString, () => writer.Commits);
            _timerLoop = Task.Run(RunTimersAsync, CancellationToken.None);
            Logs.StoreOpened(_logger, DatabasePath, _settings.Synchronous, messages, timers, activities);
        }
        catch
        {
            _hostLock.Dispose();
            _hostLock = null;
            throw;
        }
    }

    /// <summary>Loads what the file holds to do: every message (timers and scheduled starts included) and every activity.</summary>
    private (int Messages, int Timers, int Activities) Recover(SqliteConnection connection)
    {
        var now = DateTime.UtcNow;
        int messages = 0, timers = 0, activities = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, visible_at, dequeue_count, message FROM messages ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var message = new QueuedMessage(id, StoredFormat.ReadMessage(reader.GetValue(3)), FromTicks(reader.GetInt64(1)), reader.GetInt32(2));
                _nextMessageId = Math.Max(_nextMessageId, id);
                if (message.VisibleAt > now)
                {
                    timers++;
                }
                else
                {
                    messages++;
                }

                Publish(message);
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, dequeue_count, message FROM activities ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                _nextActivityId = Math.Max(_nextActivityId, id);
                _activities.Writer.TryWrite(new ActivityItem(id, StoredFormat.ReadMessage(reader.GetValue(2)), reader.GetInt32(1)));
                activities++;
            }
        }

        return (messages, timers, activities);
    }

    private async Task ClearAsync()
    {
        await Writer.WriteUrgentAsync(batch =>
        {
            batch.Execute("DELETE FROM instances");
            batch.Execute("DELETE FROM history");
            batch.Execute("DELETE FROM messages");
            batch.Execute("DELETE FROM activities");
            batch.Execute("DELETE FROM dead_letters");
            batch.AfterCommit(() =>
            {
                lock (_gate)
                {
                    foreach (var queue in _queues.Values)
                    {
                        queue.Messages.Clear();
                        queue.DelayedStart = null;
                        queue.Parked = false;
                        queue.Generation++;
                    }

                    _timers.Clear();
                    _cache.Clear();
                    _lockedActivities.Clear();
                }

                while (_activities.Reader.TryRead(out _))
                {
                }
            });
        });
    }

    /// <summary>
    /// A commit's after-commit actions under one hold of the gate (they publish messages, activities and cache entries):
    /// taking it once per commit rather than once per message keeps the dispatchers from queuing on it. The gate is
    /// reentrant; nothing under it runs a continuation inline (completion sources and channels continue asynchronously).
    /// </summary>
    private void RunAfterCommit(List<Action> actions)
    {
        lock (_gate)
        {
            foreach (var action in actions)
            {
                action();
            }
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }

    private static long Ticks(DateTime value) => (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);

    private static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
