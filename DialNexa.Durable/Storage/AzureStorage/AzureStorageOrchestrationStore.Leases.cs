using System.Globalization;

namespace DialNexa.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    private const string LeasePartition = "lease";

    private async Task EnsureLeaseRowsAsync(CancellationToken cancellationToken)
    {
        var existing = await _partitions.QueryAsync($"PartitionKey eq '{LeasePartition}'", cancellationToken);
        var batch = new TableBatch();
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            var key = LeaseKey(p);
            if (!existing.Any(e => e.RowKey == key))
            {
                batch.Insert(new TableEntity(LeasePartition, key).Set("Owner", "").Set("Expires", DateTime.UnixEpoch));
            }
        }

        try
        {
            await _partitions.ExecuteBatchAsync(batch, cancellationToken);
        }
        catch (StorageRequestException ex) when (ex.IsConflict)
        {
            // Another host created them at the same moment.
        }
    }

    private async Task RunLeasesAsync(CancellationToken cancellationToken)
    {
        var interval = _options.LeaseInterval / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                await BalanceLeasesAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                AzureStorageLog.LeaseFailed(_logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    /// <summary>
    /// One round of lease work: renew what this host holds (hand a lease over if another host asked for it), take
    /// expired leases up to a fair share, and ask for one lease from a host that holds two or more than this one.
    /// A host has at most one request open, and an owner hands a lease over only while it holds two or more than the
    /// asker, so each hand-over narrows the gap and two hosts cannot trade leases back and forth.
    /// Every change is a replace under the row's ETag, so two hosts can never both win the same lease.
    /// </summary>
    internal async Task BalanceLeasesAsync(CancellationToken cancellationToken)
    {
        var me = _options.HostId;
        var now = DateTime.UtcNow;
        var leases = await _partitions.QueryAsync($"PartitionKey eq '{LeasePartition}'", cancellationToken);
        var live = leases.Where(l => (l.GetDateTime("Expires") ?? DateTime.MinValue) > now && !string.IsNullOrEmpty(l.GetString("Owner"))).ToList();
        var hosts = live.Select(l => l.GetString("Owner")!).Append(me).Distinct(StringComparer.Ordinal).Count();
        var fairShare = (int)Math.Ceiling(_options.PartitionCount / (double)hosts);
        var mine = leases.Count(l => l.GetString("Owner") == me);
        var held = live.GroupBy(l => l.GetString("Owner")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        foreach (var lease in leases.Where(l => l.GetString("Owner") == me))
        {
            var partition = PartitionOfLease(lease);
            var thief = lease.GetString("Steal");

            // Hand over only while it narrows the gap; otherwise the renewal below clears a stale request.
            if (!string.IsNullOrEmpty(thief) && thief != me && mine >= held.GetValueOrDefault(thief) + 2)
            {
                StopPartition(partition);
                if (await TryReplaceLeaseAsync(lease, thief, now.Add(_options.LeaseInterval), cancellationToken))
                {
                    held[thief] = held.GetValueOrDefault(thief) + 1;
                }

                mine--;
                continue;
            }

            if (await TryReplaceLeaseAsync(lease, me, now.Add(_options.LeaseInterval), cancellationToken))
            {
                StartPartition(partition);
            }
            else
            {
                StopPartition(partition);
                mine--;
            }
        }

        foreach (var lease in leases.Where(l => l.GetString("Owner") != me && !live.Contains(l)))
        {
            if (mine >= fairShare)
            {
                break;
            }

            if (await TryReplaceLeaseAsync(lease, me, now.Add(_options.LeaseInterval), cancellationToken))
            {
                StartPartition(PartitionOfLease(lease));
                mine++;
            }
        }

        var asking = live.Any(l => l.GetString("Steal") == me);
        if (mine < fairShare && !asking)
        {
            var richest = live.Where(l => l.GetString("Owner") != me)
                .GroupBy(l => l.GetString("Owner")!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .FirstOrDefault();
            var open = richest?.Where(l => string.IsNullOrEmpty(l.GetString("Steal"))).ToList() ?? [];
            if (richest is not null && richest.Count() >= mine + 2 && open.Count > 0)
            {
                // Spread by host: two askers rarely pick the same row, and one whose ask lost picks again from what is left.
                var target = open[Fnv1a.Partition(me, open.Count)];
                try
                {
                    await _partitions.MergeAsync(new TableEntity(LeasePartition, target.RowKey).Set("Steal", me), target.ETag!, cancellationToken);
                }
                catch (StorageRequestException ex) when (ex.IsPreconditionFailed)
                {
                    // It changed meanwhile; the next round looks again.
                }
            }
        }
    }

    private async Task<bool> TryReplaceLeaseAsync(TableEntity lease, string owner, DateTime expires, CancellationToken cancellationToken)
    {
        try
        {
            await _partitions.ReplaceAsync(new TableEntity(LeasePartition, lease.RowKey).Set("Owner", owner).Set("Expires", expires).Set("Steal", ""), lease.ETag!, cancellationToken);
            return true;
        }
        catch (StorageRequestException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return false;
        }
    }

    private void StartPartition(int partition)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var source = new CancellationTokenSource();
        if (_owned.TryAdd(partition, source))
        {
            AzureStorageLog.PartitionAcquired(_logger, partition, _options.HostId);
            Track(Task.Run(() => PollControlQueueAsync(partition, source.Token), CancellationToken.None));
        }
        else
        {
            source.Dispose();
        }
    }

    private void StopPartition(int partition)
    {
        if (_owned.TryRemove(partition, out var source))
        {
            AzureStorageLog.PartitionReleased(_logger, partition, _options.HostId);
            source.Cancel();
        }
    }

    /// <summary>On a clean stop: leases end now, so the next host takes them at once.</summary>
    private async Task ReleaseLeasesAsync()
    {
        try
        {
            var leases = await _partitions.QueryAsync($"PartitionKey eq '{LeasePartition}'", CancellationToken.None);
            foreach (var lease in leases.Where(l => l.GetString("Owner") == _options.HostId))
            {
                await TryReplaceLeaseAsync(lease, "", DateTime.UnixEpoch, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // Best effort on shutdown: unreleased leases simply expire.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            AzureStorageLog.LeaseFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }

    private static string LeaseKey(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    private static int PartitionOfLease(TableEntity lease) => int.Parse(lease.RowKey, CultureInfo.InvariantCulture);
}
