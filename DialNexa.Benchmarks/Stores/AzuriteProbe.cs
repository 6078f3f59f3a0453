using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace DialNexa.Benchmarks.Stores;

/// <summary>
/// Azurite's raw rates beside each Azure Storage run, with the Azure SDK clients DurableTask.AzureStorage uses: queue
/// put, get and delete cycles, and table inserts, from 8 concurrent workers for about 2 seconds each.
/// </summary>
internal static class AzuriteProbe
{
    private const int Workers = 8;

    public static async Task<(double QueueCyclesPerSecond, double TableInsertsPerSecond)> MeasureAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = "rawprobe" + Guid.NewGuid().ToString("N")[..8];
        var queue = new QueueClient(connectionString, name);
        var table = new TableClient(connectionString, name);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var cycles = await RepeatAsync(
                async (_, _) =>
                {
                    await queue.SendMessageAsync("x", cancellationToken);
                    foreach (var message in (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), cancellationToken)).Value)
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    }
                },
                cancellationToken);
            var inserts = await RepeatAsync(
                (worker, i) => table.AddEntityAsync(new TableEntity($"w{worker}", i.ToString("D8", CultureInfo.InvariantCulture)) { ["V"] = "x" }, cancellationToken),
                cancellationToken);
            return (cycles, inserts);
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static async Task<double> RepeatAsync(Func<int, int, Task> operation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(2); i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await operation(worker, i);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }
}
