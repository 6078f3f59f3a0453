using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class LifecycleTests
{
    private const string WaitForGo = "WaitForGo";

    private static void AddWaitForGo(HubRegistry registry) =>
        registry.Orchestration<string, string>(WaitForGo, async (context, _) => "got " + await context.WaitForExternalEvent<string>("Go"));

    [Fact]
    public async Task CreateOrchestrationInstance_HelloSequence_CompletesWithEachActivityResultInOrder()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "hello-1", "x");

        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"Hello Tokyo;Hello Seattle;Hello London;Hello Lagos;Hello Lima;\"", state.Output);
        Assert.Equal(HelloSequence.Orchestration, state.Name);
        Assert.Equal("\"x\"", state.Input);
    }

    [Fact]
    public async Task CreateOrchestrationInstance_SameIdWhileRunningWithRunningInDedupeStatuses_ThrowsAlreadyExists()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-1", "x");
        await hub.WaitUntilAsync("dedupe-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-1", "y", null, [OrchestrationStatus.Pending, OrchestrationStatus.Running]));

        Assert.Contains("dedupe-1", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"x\"", (await hub.StateAsync("dedupe-1")).Input);
    }

    [Fact]
    public async Task CreateOrchestrationInstance_SameIdAfterCompletionWithRunningDedupe_ReplacesWithNewExecution()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var first = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-2", "x");
        await hub.Client.RaiseEventAsync(first, "Go", "one");
        var firstState = await hub.WaitAsync(first);

        var second = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-2", "y", null, [OrchestrationStatus.Pending, OrchestrationStatus.Running]);
        await hub.WaitUntilAsync("dedupe-2", s => s.OrchestrationStatus == OrchestrationStatus.Running && s.OrchestrationInstance.ExecutionId == second.ExecutionId);
        await hub.Client.RaiseEventAsync(second, "Go", "two");
        var secondState = await hub.WaitAsync(second);

        Assert.Equal("\"got one\"", firstState.Output);
        Assert.Equal("\"got two\"", secondState.Output);
        Assert.NotEqual(firstState.OrchestrationInstance.ExecutionId, secondState.OrchestrationInstance.ExecutionId);
        Assert.Equal("\"y\"", secondState.Input);
    }

    [Fact]
    public async Task CreateOrchestrationInstance_CompletedInstanceInDedupeStatuses_ThrowsAndKeepsIt()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var first = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-3", "x");
        await hub.Client.RaiseEventAsync(first, "Go", "one");
        await hub.WaitAsync(first);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "dedupe-3", "y", null, [OrchestrationStatus.Completed]));

        var state = await hub.StateAsync("dedupe-3");
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(first.ExecutionId, state.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task CreateScheduledOrchestrationInstance_StartInTheFuture_StaysPendingThenStartsNoEarlier()
    {
        await using var hub = await TestHub.StartAsync(r => r.Orchestration<string, DateTime>("Clock", (context, _) => Task.FromResult(context.CurrentUtcDateTime)));
        var startAt = DateTime.UtcNow.AddSeconds(2);
        var instance = await hub.Client.CreateScheduledOrchestrationInstanceAsync("Clock", "", "scheduled-1", "x", startAt);

        var pending = await hub.StateAsync("scheduled-1");
        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Pending, pending.OrchestrationStatus);
        Assert.Equal(startAt, pending.ScheduledStartTime!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var startedAt = System.Text.Json.JsonSerializer.Deserialize<DateTime>(state.Output);
        Assert.True(startedAt >= startAt.AddMilliseconds(-1), $"Started at {startedAt:O}, scheduled for {startAt:O}.");
    }

    [Fact]
    public async Task TerminateInstance_WaitingInstance_EndsTerminatedWithTheReason()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "terminate-1", "x");
        await hub.WaitUntilAsync("terminate-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        await hub.Client.TerminateInstanceAsync(instance, "operator said stop");
        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
        Assert.Contains("operator said stop", state.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateInstance_PendingUntilAScheduledStart_EndsTerminatedWithoutWaitingForTheStart()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var instance = await hub.Client.CreateScheduledOrchestrationInstanceAsync(WaitForGo, "", "terminate-2", "x", DateTime.UtcNow.AddHours(1));

        await hub.Client.TerminateInstanceAsync(instance, "not needed");
        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
    }

    [Fact]
    public async Task SuspendInstance_EventRaisedWhileSuspended_WaitsUntilResumedThenCompletes()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "suspend-1", "x");
        await hub.WaitUntilAsync("suspend-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        await hub.Client.SuspendInstanceAsync(instance, "hold on");
        await hub.WaitUntilAsync("suspend-1", s => s.OrchestrationStatus == OrchestrationStatus.Suspended);
        await hub.Client.RaiseEventAsync(instance, "Go", "while suspended");
        var stillSuspended = await hub.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(500));
        await hub.Client.ResumeInstanceAsync(instance, "go on");
        var state = await hub.WaitAsync(instance);

        Assert.Null(stillSuspended);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"got while suspended\"", state.Output);
    }

    [Fact]
    public async Task WaitForOrchestration_InstanceStillRunningAtTimeout_ReturnsNull()
    {
        await using var hub = await TestHub.StartAsync(AddWaitForGo);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(WaitForGo, "", "wait-1", "x");

        var state = await hub.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(300));

        Assert.Null(state);
    }

    [Fact]
    public async Task StartAsync_WorkerStartedAfterInstancesWereCreated_RunsThem()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence(), startWorker: false);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "late-worker", "x");
        var before = await hub.StateAsync("late-worker");

        await hub.StartWorkerAsync();
        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Pending, before.OrchestrationStatus);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
    }

    [Fact]
    public async Task CallActivity_ActivityThrows_OrchestrationFailsWithTheActivityFailure()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .Orchestration<string, string>("CallsBroken", async (context, _) => await context.CallActivityAsync<string>("Broken", "x"))
            .Activity<string, string>("Broken", (_, _) => throw new InvalidOperationException("the ledger is closed")));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("CallsBroken", "", "broken-1", "x");

        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        Assert.NotNull(state.FailureDetails);
        Assert.Contains("the ledger is closed", state.FailureDetails?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCustomStatus_ChangedBetweenEpisodes_IsVisibleWhileTheInstanceRuns()
    {
        await using var hub = await TestHub.StartAsync(r => r.Orchestration<string, string>("Stepper", async (context, _) =>
        {
            context.SetCustomStatus("waiting for one");
            await context.WaitForExternalEvent<string>("One");
            context.SetCustomStatus("waiting for two");
            await context.WaitForExternalEvent<string>("Two");
            return "done";
        }));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Stepper", "", "custom-1", "x");

        var first = await hub.WaitUntilAsync("custom-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);
        await hub.Client.RaiseEventAsync(instance, "One", "1");
        var second = await hub.WaitUntilAsync("custom-1", s => s.Status == "\"waiting for two\"");
        await hub.Client.RaiseEventAsync(instance, "Two", "2");
        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"waiting for one\"", first.Status);
        Assert.Equal(OrchestrationStatus.Running, second.OrchestrationStatus);
        Assert.Equal("\"done\"", state.Output);
    }

    [Fact]
    public async Task SuspendInstance_ActivityResultArrivesWhileSuspended_IsKeptUntilResumed()
    {
        using var release = new SemaphoreSlim(0);
        await using var hub = await TestHub.StartAsync(r => r
            .Orchestration<string, string>("SlowStep", async (context, _) => "step " + await context.CallActivityAsync<string>("Gate", "x"))
            .Activity<string, string>("Gate", async (_, _) =>
            {
                await release.WaitAsync();
                return "finished";
            }));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("SlowStep", "", "suspend-activity", "x");
        await hub.WaitUntilAsync("suspend-activity", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        await hub.Client.SuspendInstanceAsync(instance, "hold");
        await hub.WaitUntilAsync("suspend-activity", s => s.OrchestrationStatus == OrchestrationStatus.Suspended);
        release.Release();
        var whileSuspended = await hub.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(500));
        await hub.Client.ResumeInstanceAsync(instance, "go on");
        var state = await hub.WaitAsync(instance);

        Assert.Null(whileSuspended);
        Assert.Equal("\"step finished\"", state.Output);
    }
}
