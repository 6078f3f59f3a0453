using System.Diagnostics;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>Purging ended instances: their row, history, messages and activities.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const int PurgeBatchSize = 500;

    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <summary>Deletes the instance if it has ended (Completed, Failed, Terminated, Canceled); a running one is kept (0 deleted).</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await EnsureOpenAsync(CancellationToken.None);
        var deleted = await Writer.WriteUrgentAsync(batch =>
            batch.Scalar("SELECT status FROM instances WHERE instance_id = $i", ("$i", instanceId)) is long status && IsTerminal((OrchestrationStatus)status)
                ? DeleteInstance(batch, instanceId)
                : 0);
        return new PurgeResult(deleted);
    }

    /// <summary>
    /// Deletes ended instances created in the filter's range (from inclusive, to inclusive when given) whose status is in
    /// the filter's statuses (all ended statuses when none; statuses of running instances are ignored). Works in batches;
    /// with <see cref="PurgeInstanceFilter.Timeout"/> it stops after that time and reports <see cref="PurgeResult.IsComplete"/> false.
    /// </summary>
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var statuses = (purgeInstanceFilter.RuntimeStatus?.ToArray() is { Length: > 0 } requested ? requested : TerminalStatuses).Where(IsTerminal).ToArray();
        return PurgeWhereAsync(
            "created_at",
            Ticks(purgeInstanceFilter.CreatedTimeFrom),
            purgeInstanceFilter.CreatedTimeTo is { } to ? Ticks(to) : long.MaxValue,
            statuses,
            purgeInstanceFilter.Timeout);
    }

    /// <summary>Deletes ended instances whose created, completed or last-updated time is before <paramref name="thresholdDateTimeUtc"/>.</summary>
    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "updated_at",
            _ => throw new ArgumentOutOfRangeException(nameof(timeRangeFilterType), timeRangeFilterType, "Unknown time range filter."),
        };
        await PurgeWhereAsync(column, 0, Ticks(thresholdDateTimeUtc) - 1, TerminalStatuses, timeout: null);
    }

    private async Task<PurgeResult> PurgeWhereAsync(string timeColumn, long fromTicks, long toTicks, OrchestrationStatus[] statuses, TimeSpan? timeout)
    {
        await EnsureOpenAsync(CancellationToken.None);
        if (statuses.Length == 0)
        {
            return new PurgeResult(0, true);
        }

        var sql = $"SELECT instance_id FROM instances WHERE status IN ({string.Join(',', statuses.Select(s => (int)s))}) AND {timeColumn} >= $from AND {timeColumn} <= $to LIMIT {PurgeBatchSize}";
        var watch = Stopwatch.StartNew();
        var total = 0;
        while (true)
        {
            var deleted = await Writer.WriteAsync(batch =>
            {
                var ids = new List<string>(PurgeBatchSize);
                using (var reader = batch.Command(sql, ("$from", fromTicks), ("$to", toTicks)).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    DeleteInstance(batch, id);
                }

                return ids.Count;
            });
            total += deleted;
            if (deleted < PurgeBatchSize)
            {
                return new PurgeResult(total, true);
            }

            if (timeout is { } limit && watch.Elapsed >= limit)
            {
                return new PurgeResult(total, false);
            }
        }
    }

    private int DeleteInstance(SqliteWriteBatch batch, string instanceId)
    {
        batch.Execute("DELETE FROM history WHERE instance_id = $i", ("$i", instanceId));
        batch.Execute("DELETE FROM messages WHERE instance_id = $i", ("$i", instanceId));
        batch.Execute("DELETE FROM activities WHERE instance_id = $i", ("$i", instanceId));
        var deleted = batch.Execute("DELETE FROM instances WHERE instance_id = $i", ("$i", instanceId));
        batch.AfterCommit(() =>
        {
            ForgetInstance(instanceId);
            SignalChange(instanceId);
        });
        return deleted;
    }
}
