using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DialNexa.Durable;
using DialNexa.Durable.Storage.AzureStorage;
using DialNexa.Functions.Benchmarks;
using DialNexa.Functions.Tests.Durable.AzureStorage;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>Three host processes on one Azurite hub; one is killed with SIGKILL while work is in flight.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MultiHostKillTests(AzuriteFixture azurite)
{
    private const string Base = "/runtime/webhooks/durabletask";
    /// <summary>300 in the regular run (CI time); DIALNEXA_MULTIHOST_INSTANCES=1000 runs the full 1,000.</summary>
    private static readonly int Instances =
        int.TryParse(Environment.GetEnvironmentVariable("DIALNEXA_MULTIHOST_INSTANCES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 30 ? n : 300;

    [Fact]
    public async Task Sigkill_OneOfThreeHostsMidRun_EveryAcceptedInstanceCompletesAndEachLedgerWriteTakesEffectOnce()
    {
        var hub = "K" + Guid.NewGuid().ToString("N")[..16];
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
            ["extensions:durableTask:storageProvider:leaseInterval"] = "00:00:06",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:10",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:30",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        };
        var root = Path.Combine(Path.GetTempPath(), "dialnexa-multihost-tests", hub);
        var hosts = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                hosts.Add(await HostProcess.StartAsync(Path.Combine(root, $"host{i}"), settings));
            }

            var victim = hosts[0];
            var accepted = new ConcurrentBag<string>();
            var posted = 0;
            var killed = 0;
            var unfinishedAtKill = -1;
            await Parallel.ForEachAsync(Enumerable.Range(0, Instances), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            {
                var id = $"ledger-{i:D4}";
                var host = hosts[i % 3];
                try
                {
                    var response = await host.Http.PostAsync($"{Base}/orchestrators/BenchLedger/{id}", JsonContent.Create($"{i}.00"));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    // The killed host never acknowledged this start: nothing is owed for it.
                }
                catch (TaskCanceledException)
                {
                    // Same: no answer, no promise.
                }

                if (Interlocked.Increment(ref posted) == Instances / 3 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await victim.KillAsync();
                    unfinishedAtKill = await CountUnfinishedAsync(hub);
                }
            });
            Assert.Equal(1, killed);
            Assert.True(unfinishedAtKill > 10, $"Only {unfinishedAtKill} instances were unfinished when the host was killed.");
            Assert.True(accepted.Count >= Instances / 2, $"Only {accepted.Count} starts were acknowledged.");

            var survivor = hosts[1];
            foreach (var id in accepted)
            {
                var done = await PollUntilDoneAsync(survivor.Http, $"{Base}/instances/{id}", TimeSpan.FromMinutes(5));
                Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
                var amount = int.Parse(id["ledger-".Length..], CultureInfo.InvariantCulture) + ".00";
                Assert.Equal(Enumerable.Range(0, BenchLedger.Steps).Select(s => $"{s}:{amount}"), done.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
            }

            // Each write claimed its key exactly once; any second delivery found the claim and was recorded as a repeat.
            var payloads = new StorageTable(StoragePipeline.Build(azurite.Account, StorageService.Table), azurite.Account.TableEndpoint, hub + "Payloads");
            var keys = (await payloads.QueryAsync(null, CancellationToken.None))
                .Select(r => Encoding.UTF8.GetString(Convert.FromHexString(r.PartitionKey)))
                .ToList();
            var writes = keys.Where(k => k.StartsWith("ledger:", StringComparison.Ordinal)).ToHashSet();
            foreach (var id in accepted)
            {
                for (var step = 0; step < BenchLedger.Steps; step++)
                {
                    Assert.Contains($"ledger:{id}:{step}", writes);
                }
            }

            var repeats = keys.Count(k => k.StartsWith("ledger-repeat:", StringComparison.Ordinal));
            Console.WriteLine($"multi-host kill: {accepted.Count} accepted, {unfinishedAtKill} unfinished at the kill, {writes.Count} ledger writes, {repeats} repeated deliveries absorbed");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Polls a status URL until the instance finished; a slow answer under load is asked again, not failed.</summary>
    private static async Task<System.Text.Json.JsonElement> PollUntilDoneAsync(HttpClient http, string path, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                    if (body.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
                    {
                        return body;
                    }
                }
            }
            catch (Exception ex) when (ex is TaskCanceledException or HttpRequestException)
            {
                // The host is busy; ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} did not finish within {limit}.");
    }

    private async Task<int> CountUnfinishedAsync(string hub)
    {
        var table = new StorageTable(StoragePipeline.Build(azurite.Account, StorageService.Table), azurite.Account.TableEndpoint, hub + "Instances");
        var rows = await table.QueryAsync("RowKey eq 'i'", CancellationToken.None);
        return rows.Count(r => !((OrchestrationRuntimeStatus)(r.GetInt32("S") ?? 0)).IsTerminal());
    }
}
