using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class ContinueAsNewTests
{
    private static void AddGenerations(HubRegistry registry) => registry.CoreOrchestration(CoreGenerations.Name, () => new CoreGenerations());

    [Fact]
    public async Task ContinueAsNew_Counter_RunsEachGenerationWithANewExecutionAndAResetHistory()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .Orchestration<int, int>("Counter", async (context, count) =>
            {
                await context.CallActivityAsync<int>("Echo", count);
                if (count < 3)
                {
                    context.ContinueAsNew(count + 1);
                }

                return count;
            })
            .Activity<int, int>("Echo", (_, value) => Task.FromResult(value)));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Counter", "", "counter-1", 0);

        var state = await hub.WaitAsync(instance);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(state.OrchestrationInstance));

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("3", state.Output);
        Assert.Equal("3", state.Input);
        Assert.NotEqual(instance.ExecutionId, state.OrchestrationInstance.ExecutionId);
        Assert.Single(history, e => e is ExecutionStartedEvent);
        Assert.Single(history, e => e is TaskScheduledEvent);
        Assert.Equal(state.OrchestrationInstance.ExecutionId, history.OfType<ExecutionStartedEvent>().Single().OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task ContinueAsNew_EventRaisedBeforeTheNextGenerationWaits_IsCarriedOver()
    {
        await using var hub = await TestHub.StartAsync(r => r.Orchestration<int, string>("Carry", async (context, generation) =>
        {
            if (generation == 0)
            {
                await context.WaitForExternalEvent<string>("First");
                await context.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                context.ContinueAsNew(1, preserveUnprocessedEvents: true);
                return "continued";
            }

            return "next got " + await context.WaitForExternalEvent<string>("Second");
        }));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Carry", "", "carry-1", 0);
        await hub.Client.RaiseEventAsync(instance, "First", "a");
        await hub.Client.RaiseEventAsync(instance, "Second", "b");

        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"next got b\"", state.Output);
    }

    [Fact]
    public async Task ContinueAsNew_TimerOfTheEarlierExecutionStillPending_DoesNotFireIntoTheNextExecution()
    {
        await using var hub = await TestHub.StartAsync(AddGenerations);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(CoreGenerations.Name, "", "generations-1", 0);
        await hub.WaitUntilAsync("generations-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        await hub.Client.RaiseEventAsync(instance, "Go", "now");
        await hub.WaitUntilAsync("generations-1", s => s.Input == "1" && s.OrchestrationStatus == OrchestrationStatus.Running);
        await Task.Delay(TimeSpan.FromSeconds(2)); // generation 0's timer comes due meanwhile
        await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "generations-1" }, "Second", "arrived");
        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"generation 1: Second\"", state.Output);
        await AssertNoEpisodeForTheStaleTimerAsync(hub, state);
    }

    [Fact]
    public async Task CreateOrchestrationInstance_IdReusedWhileTheEndedInstancesTimerIsPending_TimerDoesNotFireIntoTheNewInstance()
    {
        await using var hub = await TestHub.StartAsync(r =>
        {
            AddGenerations(r);
            r.Orchestration<string, string>("QuickWin", async (context, _) =>
            {
                try
                {
                    return "won " + await context.WaitForExternalEvent<string>("Go", TimeSpan.FromSeconds(1));
                }
                catch (TaskCanceledException)
                {
                    return "timed out";
                }
            });
        });
        var first = await hub.Client.CreateOrchestrationInstanceAsync("QuickWin", "", "reuse-1", "x");
        await hub.WaitUntilAsync("reuse-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);
        await hub.Client.RaiseEventAsync(first, "Go", "fast");
        Assert.Equal("\"won fast\"", (await hub.WaitAsync(first)).Output);

        var second = await hub.Client.CreateOrchestrationInstanceAsync(CoreGenerations.Name, "", "reuse-1", 1);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the first instance's timer comes due meanwhile
        await hub.Client.RaiseEventAsync(second, "Second", "arrived");
        var state = await hub.WaitAsync(second);

        Assert.Equal("\"generation 1: Second\"", state.Output);
        await AssertNoEpisodeForTheStaleTimerAsync(hub, state);
    }

    /// <summary>
    /// The runtime would also ignore a stale timer, but only after running an empty episode for it; the store drops it
    /// before that: the history holds two episodes, the start and the event, and no TimerFired.
    /// </summary>
    private static async Task AssertNoEpisodeForTheStaleTimerAsync(TestHub hub, OrchestrationState state)
    {
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(state.OrchestrationInstance));
        Assert.DoesNotContain(history, e => e is TimerFiredEvent);
        Assert.Equal(2, history.Count(e => e is OrchestratorStartedEvent));
    }
}
