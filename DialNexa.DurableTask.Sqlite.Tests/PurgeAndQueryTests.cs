using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using DurableTask.Core.Serializing;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class PurgeAndQueryTests
{
    private static void AddEcho(HubRegistry registry) => registry
        .Orchestration<string, string>("Echo", (_, input) => Task.FromResult(input))
        .Orchestration<string, string>("Waiter", async (context, _) => await context.WaitForExternalEvent<string>("Go"));

    private static async Task<OrchestrationState> CompleteAsync(TestHub hub, string instanceId, string input = "x") =>
        await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync("Echo", "", instanceId, input));

    [Fact]
    public async Task PurgeInstanceState_CompletedInstance_DeletesItAndItsHistory()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        var state = await CompleteAsync(hub, "purge-1");

        var result = await hub.Service.PurgeInstanceStateAsync("purge-1");

        Assert.Equal(1, result.DeletedInstanceCount);
        Assert.Null(await hub.Client.GetOrchestrationStateAsync("purge-1"));
        Assert.Equal("[]", await hub.Service.GetOrchestrationHistoryAsync("purge-1", state.OrchestrationInstance.ExecutionId));
    }

    [Fact]
    public async Task PurgeInstanceState_RunningInstance_KeepsIt()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        await hub.Client.CreateOrchestrationInstanceAsync("Waiter", "", "purge-2", "x");
        await hub.WaitUntilAsync("purge-2", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var result = await hub.Service.PurgeInstanceStateAsync("purge-2");

        Assert.Equal(0, result.DeletedInstanceCount);
        Assert.Equal(OrchestrationStatus.Running, (await hub.StateAsync("purge-2")).OrchestrationStatus);
    }

    [Fact]
    public async Task PurgeInstanceState_FilterOnCreatedTimeAndStatus_DeletesOnlyMatchingEndedInstances()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        await CompleteAsync(hub, "old-1");
        await CompleteAsync(hub, "old-2");
        var cutoff = DateTime.UtcNow;
        await Task.Delay(20);
        await CompleteAsync(hub, "new-1");
        await hub.Client.CreateOrchestrationInstanceAsync("Waiter", "", "old-running", "x");

        var result = await hub.Service.PurgeInstanceStateAsync(new PurgeInstanceFilter(DateTime.MinValue, cutoff, [OrchestrationStatus.Completed, OrchestrationStatus.Running]));

        Assert.Equal(2, result.DeletedInstanceCount);
        Assert.True(result.IsComplete);
        Assert.Null(await hub.Client.GetOrchestrationStateAsync("old-1"));
        Assert.Null(await hub.Client.GetOrchestrationStateAsync("old-2"));
        Assert.NotNull(await hub.Client.GetOrchestrationStateAsync("new-1"));
        Assert.NotNull(await hub.Client.GetOrchestrationStateAsync("old-running"));
    }

    [Fact]
    public async Task PurgeOrchestrationHistory_CompletedBeforeThreshold_DeletesThoseOnly()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        await CompleteAsync(hub, "history-old");
        var threshold = DateTime.UtcNow;
        await Task.Delay(20);
        await CompleteAsync(hub, "history-new");

        await hub.Client.PurgeOrchestrationInstanceHistoryAsync(threshold, OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);

        Assert.Null(await hub.Client.GetOrchestrationStateAsync("history-old"));
        Assert.NotNull(await hub.Client.GetOrchestrationStateAsync("history-new"));
    }

    [Fact]
    public async Task GetOrchestrationWithQuery_PagesWithContinuation_ReturnEachMatchingInstanceOnce()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        for (var i = 0; i < 25; i++)
        {
            await CompleteAsync(hub, $"query-{i:D2}", $"input {i}");
        }

        await CompleteAsync(hub, "other-1");
        var seen = new List<OrchestrationState>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await hub.Service.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { InstanceIdPrefix = "query-", PageSize = 10, ContinuationToken = token, RuntimeStatus = [OrchestrationStatus.Completed] },
                CancellationToken.None);
            seen.AddRange(page.OrchestrationState);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Select(s => s.OrchestrationInstance.InstanceId).Distinct().Count());
        Assert.All(seen, s => Assert.StartsWith("query-", s.OrchestrationInstance.InstanceId, StringComparison.Ordinal));
        Assert.All(seen, s => Assert.NotNull(s.Input));
    }

    [Fact]
    public async Task GetOrchestrationWithQuery_StatusCreatedRangeAndNoInputs_FiltersAndLeavesInputsOut()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);
        await CompleteAsync(hub, "q-done");
        var from = DateTime.UtcNow;
        await Task.Delay(20);
        await hub.Client.CreateOrchestrationInstanceAsync("Waiter", "", "q-waiting", "secret");
        await hub.WaitUntilAsync("q-waiting", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var running = await hub.Service.GetOrchestrationWithQueryAsync(
            new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Running], FetchInputsAndOutputs = false },
            CancellationToken.None);
        var createdLater = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { CreatedTimeFrom = from }, CancellationToken.None);

        var only = Assert.Single(running.OrchestrationState);
        Assert.Equal("q-waiting", only.OrchestrationInstance.InstanceId);
        Assert.Null(only.Input);
        Assert.Equal("q-waiting", Assert.Single(createdLater.OrchestrationState).OrchestrationInstance.InstanceId);
    }

    [Fact]
    public async Task GetOrchestrationWithQuery_ContinuationTokenNotIssuedByTheStore_IsRefused()
    {
        await using var hub = await TestHub.StartAsync(AddEcho);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { ContinuationToken = "not-a-token" }, CancellationToken.None));
    }

    [Fact]
    public async Task GetOrchestrationHistory_CompletedSequence_IsCoreJsonOfTheExecution()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        var state = await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "history-1", "x"));

        var json = await hub.Client.GetOrchestrationHistoryAsync(state.OrchestrationInstance);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(json);

        Assert.IsType<ExecutionStartedEvent>(history.First(e => e is not OrchestratorStartedEvent));
        Assert.Equal(5, history.Count(e => e is TaskScheduledEvent));
        Assert.Equal(5, history.Count(e => e is TaskCompletedEvent));
        var completed = Assert.Single(history.OfType<ExecutionCompletedEvent>());
        Assert.Equal(OrchestrationStatus.Completed, completed.OrchestrationStatus);
        Assert.Equal("[]", await hub.Service.GetOrchestrationHistoryAsync("history-1", "another-execution"));
    }
}
