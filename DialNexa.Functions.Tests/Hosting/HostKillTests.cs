using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.Tests.Hosting;

public sealed class HostKillTests
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Sigkill_MidRun_NextHostFinishesEveryAcceptedInstanceWithCorrectOutput()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-kill-tests", Guid.NewGuid().ToString("N"));
        var accepted = new ConcurrentBag<string>();
        await using (var first = await HostProcess.StartAsync(directory))
        {
            for (var i = 0; i < 50; i++)
            {
                var response = await first.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/kill-wait-{i}", JsonContent.Create("x"));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            var posted = 0;
            var killed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, 1500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                try
                {
                    var response = await first.Http.PostAsync($"{Base}/orchestrators/BenchHelloSequence/kill-seq-{i:D4}", JsonContent.Create("x"));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add($"kill-seq-{i:D4}");
                    }
                }
                catch (HttpRequestException)
                {
                    // The host is gone: this start was never acknowledged, so nothing is owed for it.
                }
                catch (TaskCanceledException)
                {
                    // Same: no answer, no promise.
                }

                if (Interlocked.Increment(ref posted) == 600 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await first.KillAsync();
                }
            });
        }

        var unfinishedAtKill = CountUnfinished(directory);
        Assert.True(unfinishedAtKill > 50, $"Only {unfinishedAtKill} instances were unfinished when the host was killed.");
        Assert.True(accepted.Count >= 500, $"Only {accepted.Count} starts were acknowledged before the kill.");

        await using var second = await HostProcess.StartAsync(directory);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await second.Http.PostAsync($"{Base}/instances/kill-wait-{i}/raiseEvent/Go", JsonContent.Create("after"))).StatusCode);
        }

        foreach (var id in accepted)
        {
            var done = await ManagementApiTests.PollUntilDoneAsync(second.Http, $"{Base}/instances/{id}", seconds: 60);
            Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
            Assert.Equal(["Hello Tokyo", "Hello Seattle", "Hello London", "Hello Paris", "Hello Lagos"], done.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
        }

        for (var i = 0; i < 50; i++)
        {
            var done = await ManagementApiTests.PollUntilDoneAsync(second.Http, $"{Base}/instances/kill-wait-{i}", seconds: 60);
            Assert.Equal("after", done.GetProperty("output").GetString());
        }
    }

    private static int CountUnfinished(string directory)
    {
        var path = Directory.GetFiles(directory, "*.db").Single();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM instances WHERE status NOT IN (1, 3, 5)";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
