using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class DurabilityTests
{
    private static void AddStepsWithTimerAndEvent(HubRegistry registry) => registry
        .Orchestration<string, string>("Steps", async (context, _) =>
        {
            var first = await context.CallActivityAsync<string>("Slow", "a");
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            var go = await context.WaitForExternalEvent<string>("Go");
            var second = await context.CallActivityAsync<string>("Slow", "b");
            return $"{first} {go} {second}";
        })
        .Activity<string, string>("Slow", async (_, input) =>
        {
            await Task.Delay(300);
            return input!.ToUpperInvariant();
        });

    [Fact]
    public async Task RestartAsync_HostRestartedWithTimersActivitiesAndAScheduledStartPending_EveryInstanceFinishes()
    {
        await using var hub = await TestHub.StartAsync(AddStepsWithTimerAndEvent);
        var ids = Enumerable.Range(0, 5).Select(i => $"restart-{i}").ToList();
        foreach (var id in ids)
        {
            await hub.Client.CreateOrchestrationInstanceAsync("Steps", "", id, "x");
        }

        await hub.Client.CreateScheduledOrchestrationInstanceAsync("Steps", "", "restart-scheduled", "x", DateTime.UtcNow.AddSeconds(1));
        ids.Add("restart-scheduled");
        await Task.Delay(100); // activities are running when the host goes away

        await hub.RestartAsync();
        foreach (var id in ids)
        {
            await hub.WaitUntilAsync(id, s => s.OrchestrationStatus == OrchestrationStatus.Running, seconds: 60);
            await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = id }, "Go", "go");
        }

        foreach (var id in ids)
        {
            var state = await hub.WaitAsync(new OrchestrationInstance { InstanceId = id }, seconds: 60);
            Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
            Assert.Equal("\"A go B\"", state.Output);
        }
    }

    [Fact]
    public async Task CreateOrchestrationInstance_WhileAnotherConnectionHoldsTheFileForAMoment_WaitsAndCommits()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        await hub.Client.GetOrchestrationStateAsync("warm-up");
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = hub.Service.DatabasePath, Pooling = false }.ToString());
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var create = hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "while-locked", "x");
        await Task.Delay(300);
        Assert.False(create.IsCompleted);
        await using (var end = other.CreateCommand())
        {
            end.CommandText = "ROLLBACK";
            await end.ExecuteNonQueryAsync();
        }

        Assert.Equal(OrchestrationStatus.Completed, (await hub.WaitAsync(await create)).OrchestrationStatus);
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItem_ResultsConsumedByCheckpoints_LeaveNoActivityOrMessageRowsBehind()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        var instances = new List<OrchestrationInstance>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", $"rows-{i}", "x"));
        }

        foreach (var instance in instances)
        {
            Assert.Equal(OrchestrationStatus.Completed, (await hub.WaitAsync(instance)).OrchestrationStatus);
        }

        Assert.Equal(0L, await ScalarAsync(hub.Service.DatabasePath, "SELECT COUNT(*) FROM activities"));
        Assert.Equal(0L, await ScalarAsync(hub.Service.DatabasePath, "SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItem_PersistActivityResultsOnCompletion_CommitsEachResultAndCompletes()
    {
        await using var hub = await TestHub.StartAsync(
            r => r.AddHelloSequence(),
            directory => TestHub.DefaultSettings(directory) with { PersistActivityResultsOnCompletion = true });
        var commitsBefore = hub.Service.CommitCount;

        var state = await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "persisted-results", "x"));

        Assert.Equal("\"Hello Tokyo;Hello Seattle;Hello London;Hello Lagos;Hello Lima;\"", state.Output);
        Assert.True(hub.Service.CommitCount - commitsBefore >= 12, $"Only {hub.Service.CommitCount - commitsBefore} commits: the results were not committed on their own.");
        Assert.Equal(0L, await ScalarAsync(hub.Service.DatabasePath, "SELECT COUNT(*) FROM activities"));
        Assert.Equal(0L, await ScalarAsync(hub.Service.DatabasePath, "SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task CreateIfNotExists_SecondServiceOnTheSameFile_IsRefusedNamingTheFile()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        await using var second = new SqliteOrchestrationService(TestHub.DefaultSettings(hub.Directory));

        var error = await Assert.ThrowsAsync<SqliteStoreInUseException>(second.CreateIfNotExistsAsync);

        Assert.Contains("Another host", error.Message, StringComparison.Ordinal);
        Assert.Contains(hub.Service.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(hub.Service.DatabasePath, error.DatabasePath);
    }

    [Fact]
    public async Task DisposeAsync_FirstServiceClosed_ASecondOneOpensTheFile()
    {
        var directory = TestHub.NewDirectory();
        var first = new SqliteOrchestrationService(TestHub.DefaultSettings(directory));
        await first.CreateIfNotExistsAsync();
        await first.DisposeAsync();

        var second = new SqliteOrchestrationService(TestHub.DefaultSettings(directory));
        await second.CreateIfNotExistsAsync();
        var states = await second.GetOrchestrationStateAsync("anything", allExecutions: false);
        await second.DisposeAsync();
        Directory.Delete(directory, recursive: true);

        Assert.Empty(states);
    }

    [Fact]
    public async Task CompleteTaskOrchestrationWorkItem_DiskFullThenSpaceAgain_AbandonedWorkRunsAgainWithoutARestart()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .Orchestration<string, int>("BigWrites", async (context, _) =>
            {
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                var total = 0;
                for (var i = 0; i < 3; i++)
                {
                    total += (await context.CallActivityAsync<string>("Big", i))!.Length;
                }

                return total;
            })
            .Activity<int, string>("Big", (_, i) => Task.FromResult<string?>(new string((char)('a' + i), 40_000))));
        hub.Service.StoreRetryDelay = TimeSpan.FromMilliseconds(200);
        var ids = Enumerable.Range(0, 5).Select(i => $"full-{i}").ToList();
        foreach (var id in ids)
        {
            await hub.Client.CreateOrchestrationInstanceAsync("BigWrites", "", id, "x");
            await hub.WaitUntilAsync(id, s => s.OrchestrationStatus == OrchestrationStatus.Running);
        }

        await hub.Service.RunWriterPragmaAsync($"max_page_count = {await PageCountAsync(hub.Service.DatabasePath)}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (hub.Service.StoreFailureRetries < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var whileFull = await Task.WhenAll(ids.Select(hub.StateAsync));
        await RetryAsync(() => hub.Service.RunWriterPragmaAsync("max_page_count = 1073741823"));
        var states = await Task.WhenAll(ids.Select(id => hub.WaitAsync(new OrchestrationInstance { InstanceId = id }, seconds: 60)));

        Assert.True(hub.Service.StoreFailureRetries >= 5, $"Only {hub.Service.StoreFailureRetries} commits failed: the disk never filled up.");
        Assert.All(whileFull, s => Assert.Equal(OrchestrationStatus.Running, s.OrchestrationStatus));
        Assert.All(states, s => Assert.Equal(OrchestrationStatus.Completed, s.OrchestrationStatus));
        Assert.All(states, s => Assert.Equal("120000", s.Output));
    }

    [Fact]
    public async Task AbandonTaskOrchestrationWorkItem_FailsMaxDequeueCountTimes_DeadLettersAndFailsTheInstanceWithTheReason()
    {
        await using var hub = await TestHub.StartAsync(
            r => r.AddHelloSequence(),
            directory => TestHub.DefaultSettings(directory) with { MaxDequeueCount = 3 },
            configureWorker: worker => worker.AddOrchestrationDispatcherMiddleware(async (context, next) =>
            {
                if (context.GetProperty<OrchestrationRuntimeState>().OrchestrationInstance?.InstanceId == "poison-1")
                {
                    throw new InvalidOperationException("this work item always fails");
                }

                await next();
            }));
        hub.Service.AbandonBackoffBase = TimeSpan.FromMilliseconds(20);
        var healthy = await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "healthy-1", "x");

        var state = await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "poison-1", "x"));

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        Assert.Equal("DeadLettered", state.FailureDetails?.ErrorType);
        Assert.Contains("failed 3 times", state.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(OrchestrationStatus.Completed, (await hub.WaitAsync(healthy)).OrchestrationStatus);
        Assert.Equal(1L, await ScalarAsync(hub.Service.DatabasePath, "SELECT COUNT(*) FROM dead_letters WHERE kind = 'orchestration' AND instance_id = 'poison-1'"));
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItem_FailsMaxDequeueCountTimes_OrchestrationSeesTheActivityFailWithTheReason()
    {
        await using var hub = await TestHub.StartAsync(
            r => r
                .Orchestration<string, string>("CallsPoison", async (context, _) =>
                {
                    try
                    {
                        return await context.CallActivityAsync<string>("Poison", "x");
                    }
                    catch (TaskFailedException ex)
                    {
                        return "activity failed: " + ex.FailureDetails.ErrorMessage;
                    }
                })
                .Activity<string, string>("Poison", (_, _) => Task.FromResult<string?>("never")),
            directory => TestHub.DefaultSettings(directory) with { MaxDequeueCount = 2 },
            configureWorker: worker => worker.AddActivityDispatcherMiddleware((_, _) => throw new InvalidOperationException("the activity host is broken")));
        hub.Service.AbandonBackoffBase = TimeSpan.FromMilliseconds(20);

        var state = await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync("CallsPoison", "", "poison-activity", "x"));

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var output = System.Text.Json.JsonSerializer.Deserialize<string>(state.Output) ?? "";
        Assert.Contains("activity failed: Activity 'Poison' failed 2 times", output, StringComparison.Ordinal);
        Assert.Contains("dead-lettered", output, StringComparison.Ordinal);
    }

    private static async Task<long> PageCountAsync(string databasePath) => await ScalarAsync(databasePath, "PRAGMA page_count");

    private static async Task<long> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task RetryAsync(Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                // It shared a transaction with writes the full disk refused.
                await Task.Delay(50);
            }
        }
    }
}
