using System.Diagnostics;
using DialNexa.Durable.Storage.AzureStorage;

namespace DialNexa.Functions.Benchmarks;

/// <summary>Azurite's raw rates through the store's own REST clients: queue put+get+delete cycles and table inserts, 8 concurrent, ~2 s each.</summary>
internal static class AzuriteRawProbe
{
    public static async Task<(double QueueCyclesPerSecond, double TableInsertsPerSecond)> MeasureAsync(StorageAccount account, CancellationToken cancellationToken)
    {
        var name = "raw" + Guid.NewGuid().ToString("N")[..8];
        var queue = new StorageQueue(StoragePipeline.Build(account, StorageService.Queue), account.QueueEndpoint, name);
        var table = new StorageTable(StoragePipeline.Build(account, StorageService.Table), account.TableEndpoint, name);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var cycles = await RunAsync(async (worker, i) =>
        {
            await queue.PutAsync("x", TimeSpan.Zero, cancellationToken);
            foreach (var message in await queue.GetAsync(1, TimeSpan.FromSeconds(30), cancellationToken))
            {
                await queue.DeleteAsync(message, cancellationToken);
            }
        });
        var inserts = await RunAsync((worker, i) => table.InsertAsync(new TableEntity($"w{worker}", $"r{i:D8}").Set("V", "x"), cancellationToken));
        await queue.DeleteIfExistsAsync(cancellationToken);
        await table.DeleteIfExistsAsync(cancellationToken);
        return (cycles, inserts);
    }

    private static async Task<double> RunAsync(Func<int, int, Task> operation)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; watch.Elapsed < TimeSpan.FromSeconds(2); i++)
            {
                await operation(worker, i);
                Interlocked.Increment(ref done);
            }
        }));
        return done / watch.Elapsed.TotalSeconds;
    }
}
