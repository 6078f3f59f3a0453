using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// The store's single writer, with group commit: every write waiting when a transaction starts joins it, so many
/// instances share one fsync. If a write fails, the batch runs again with each write in its own savepoint, so one failing
/// write never undoes the others; a write's caller is answered only after the commit is durable.
/// Urgent writes (a client waiting: a start, a raised event, a purge) go first: a transaction that has urgent writes
/// takes them all and only <see cref="NormalWritesWithUrgent"/> background writes (checkpoints), so a client never waits
/// behind hundreds of checkpoints executing in the same transaction.
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>Background writes that may share a transaction with urgent ones (bounds an urgent write's wait).</summary>
    internal const int NormalWritesWithUrgent = 16;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<WriteOperation> _urgent = Channel.CreateUnbounded<WriteOperation>(); // multi-reader kind: it can count
    private readonly SqliteWriteBatch _batch;
    private readonly ControlStatements _control;
    private readonly int _maxBatchSize;
    private readonly Thread _thread;
    private long _commits;
    private long _writes;
    private long _busyTicks;
    private long _commitTicks;

    private readonly Action<List<Action>> _runAfterCommit;
    private readonly SqliteConnection _connection;

    /// <param name="connection">The write connection, owned by the caller.</param>
    /// <param name="maxBatchSize">Writes at most in one transaction.</param>
    /// <param name="runAfterCommit">Runs a commit's after-commit actions (the caller may hold its lock once around them all).</param>
    public SqliteWriter(SqliteConnection connection, int maxBatchSize, Action<List<Action>> runAfterCommit)
    {
        _connection = connection;
        _runAfterCommit = runAfterCommit;
        _batch = new SqliteWriteBatch(connection);
        _control = new ControlStatements(connection);
        _maxBatchSize = maxBatchSize;
        _thread = new Thread(Run) { IsBackground = true, Name = "durabletask-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Time spent in COMMIT alone (writing the log and syncing it), for benchmarks.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Time the writer thread has spent in transactions (statements and fsync), for benchmarks.</summary>
    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Queues a background write; its task completes once the transaction it joined is durable.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="work">The write, run on the writer thread inside the open transaction.</param>
    /// <param name="cancellationToken">Stops waiting (the write may still commit).</param>
    /// <returns>The write's result, after the commit.</returns>
    public Task<T> WriteAsync<T>(Func<SqliteWriteBatch, T> work, CancellationToken cancellationToken = default) =>
        Enqueue(work, _queue, cancellationToken);

    /// <summary>A write a client is waiting on (a start, a raised event): it joins the next transaction first.</summary>
    public Task<T> WriteUrgentAsync<T>(Func<SqliteWriteBatch, T> work, CancellationToken cancellationToken = default)
    {
        var task = Enqueue(work, _urgent, cancellationToken);

        // Wake the writer if it waits on the background queue only.
        _queue.Writer.TryWrite(WakeUp.Instance);
        return task;
    }

    /// <summary>Queues a background write with no result.</summary>
    /// <param name="work">The write.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once the write is durable.</returns>
    public Task WriteAsync(Action<SqliteWriteBatch> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(batch => { work(batch); return true; }, cancellationToken);

    /// <summary>Queues a write someone waits on, with no result.</summary>
    /// <param name="work">The write.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes once the write is durable.</returns>
    public Task WriteUrgentAsync(Action<SqliteWriteBatch> work, CancellationToken cancellationToken = default) =>
        WriteUrgentAsync<bool>(batch => { work(batch); return true; }, cancellationToken);

    /// <summary>Commits what is queued and stops the writer thread.</summary>
    /// <returns>Completes when the thread has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _urgent.Writer.TryComplete();
        _queue.Writer.TryComplete();
        await Task.Run(() => _thread.Join());
        _batch.DisposeCommands();
        _control.Dispose();
    }

    private static Task<T> Enqueue<T>(Func<SqliteWriteBatch, T> work, Channel<WriteOperation> queue, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation<T>(work);
        if (!queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The SQLite orchestration store is closed; the write was not made.");
        }

        return operation.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Run()
    {
        var pending = new List<WriteOperation>(_maxBatchSize);
        var reader = _queue.Reader;
        var urgent = _urgent.Reader;
        while (urgent.Count > 0 || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            pending.Clear();
            while (pending.Count < _maxBatchSize && urgent.TryRead(out var first))
            {
                pending.Add(first);
            }

            var limit = pending.Count > 0 ? Math.Min(_maxBatchSize, pending.Count + NormalWritesWithUrgent) : _maxBatchSize;
            while (pending.Count < limit && reader.TryRead(out var operation))
            {
                if (operation is not WakeUp)
                {
                    pending.Add(operation);
                }
            }

            if (pending.Count > 0)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                CommitBatch(pending);
                Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
            }
        }

        // Shutting down: urgent writes that raced the completion still get their answer.
        pending.Clear();
        while (urgent.TryRead(out var late))
        {
            pending.Add(late);
        }

        if (pending.Count > 0)
        {
            CommitBatch(pending);
        }
    }

    private void CommitBatch(List<WriteOperation> operations)
    {
        var failures = new Exception?[operations.Count];
        try
        {
            Exec("BEGIN IMMEDIATE");
            if (!TryRunAll(operations))
            {
                RunEachInSavepoint(operations, failures);
            }

            var commitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            Exec("COMMIT");
            Interlocked.Add(ref _commitTicks, System.Diagnostics.Stopwatch.GetTimestamp() - commitStarted);
        }
#pragma warning disable CA1031 // The commit itself failed (disk full, I/O error): every caller gets the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TryRollback();
            _batch.TakeAfterCommit();
            var failure = StoreFailures.CommitFailed(ex);
            foreach (var operation in operations)
            {
                operation.Fail(failure);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, operations.Count);
        var actions = _batch.TakeAfterCommit();
        if (actions.Count > 0)
        {
            _runAfterCommit(actions);
        }

        for (var i = 0; i < operations.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                operations[i].Fail(failure);
            }
            else
            {
                operations[i].Succeed();
            }
        }
    }

    /// <summary>
    /// The usual case, no write fails: all of them run straight in the open transaction. If one throws, the
    /// transaction is rolled back and begun again (writes change nothing in memory before their commit, only the
    /// after-commit actions, which are dropped), and the caller runs each write in its own savepoint.
    /// </summary>
    private bool TryRunAll(List<WriteOperation> operations)
    {
        try
        {
            foreach (var operation in operations)
            {
                operation.Run(_batch);
            }

            return true;
        }
#pragma warning disable CA1031 // The failing write is run again in the savepoint pass, which reports its error.
        catch (Exception)
#pragma warning restore CA1031
        {
            _batch.TakeAfterCommit();
            Exec("ROLLBACK");
            Exec("BEGIN IMMEDIATE");
            return false;
        }
    }

    private void RunEachInSavepoint(List<WriteOperation> operations, Exception?[] failures)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var keep = _batch.AfterCommitCount;
            Exec("SAVEPOINT w");
            try
            {
                operations[i].Run(_batch);
                Exec("RELEASE w");
            }
#pragma warning disable CA1031 // A failing write is reported to its own caller; the batch goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (_connection.Handle is { } db && SQLitePCL.raw.sqlite3_get_autocommit(db) != 0)
                {
                    // SQLite rolled the whole transaction back (it may, on a full disk or an I/O error): nothing of the
                    // batch is written, and no further write may run outside a transaction. The whole batch fails.
                    throw StoreFailures.CommitFailed(ex);
                }

                failures[i] = ex is SqliteException sqlite ? StoreFailures.WriteFailed(sqlite) : ex;
                _batch.DiscardAfterCommit(keep);
                Exec("ROLLBACK TO w");
                Exec("RELEASE w");
            }
        }
    }

    private void TryRollback()
    {
        try
        {
            Exec("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open.
        }
    }

    private void Exec(string sql) => _control.Run(sql);

    private abstract class WriteOperation
    {
        public abstract void Run(SqliteWriteBatch batch);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    /// <summary>Wakes the writer for an urgent write; runs nothing.</summary>
    private sealed class WakeUp : WriteOperation
    {
        public static WakeUp Instance { get; } = new();

        public override void Run(SqliteWriteBatch batch)
        {
        }

        public override void Succeed()
        {
        }

        public override void Fail(Exception exception)
        {
        }
    }

    private sealed class WriteOperation<T>(Func<SqliteWriteBatch, T> work) : WriteOperation
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteWriteBatch batch) => _result = work(batch);

        public override void Succeed() => Completion.TrySetResult(_result);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
