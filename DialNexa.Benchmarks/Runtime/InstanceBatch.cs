using DialNexa.Benchmarks.Measuring;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>
/// Many instances of one orchestration started at once and waited for together, with the figures read from the
/// instances' own timestamps: first creation to last update, and each one's latency.
/// </summary>
internal static class InstanceBatch
{
    /// <summary>Starts <paramref name="count"/> instances named <c>{prefix}{i:D6}</c>, <paramref name="parallel"/> starts at a time.</summary>
    public static Task ScheduleAsync(DurableTaskClient client, string orchestration, object input, string prefix, int count, int parallel, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, ct) => await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestration), input, new StartOrchestrationOptions(InstanceId(prefix, i)), ct));

    public static string InstanceId(string prefix, int i) => prefix + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until no instance is Pending or Running, asking once per <paramref name="poll"/> (one query per poll, not
    /// one wait per instance, so the client adds little to what the store is measured doing).
    /// </summary>
    public static async Task WaitUntilSettledAsync(DurableTaskClient client, TimeSpan poll, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (await AnyAsync(client, [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], cancellationToken))
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(FormattableString.Invariant($"Instances were still running after {limit.TotalSeconds:F0} s."));
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>Whether any instance has one of <paramref name="statuses"/> (one query for one row).</summary>
    public static async Task<bool> AnyAsync(DurableTaskClient client, IEnumerable<OrchestrationRuntimeStatus> statuses, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = [.. statuses], PageSize = 1, FetchInputsAndOutputs = false };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(pageSizeHint: 1).WithCancellation(cancellationToken))
        {
            return page.Values.Count > 0;
        }

        return false;
    }

    /// <summary>Throughput and latency from the instances' timestamps; instances not Completed count as failed.</summary>
    public static BatchTimings Timings(IReadOnlyCollection<OrchestrationMetadata> instances)
    {
        if (instances.Count == 0)
        {
            return new BatchTimings(0, 0, 0, 0, 0);
        }

        var seconds = (instances.Max(i => i.LastUpdatedAt) - instances.Min(i => i.CreatedAt)).TotalSeconds;
        var (p50, p99, _) = Percentiles.Summary(instances.Select(i => (i.LastUpdatedAt - i.CreatedAt).TotalMilliseconds), 1);
        return new BatchTimings(instances.Count, instances.Count(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed), seconds, p50, p99);
    }
}
