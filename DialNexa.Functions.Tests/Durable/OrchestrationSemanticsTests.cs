using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>
/// The engine's semantics, one suite for every store: each store derives it once (SQLite, Azurite) and must pass
/// all of it.
/// </summary>
public abstract class OrchestrationSemanticsTests
{
    protected abstract TestStore Store { get; }

    protected static void RegisterAll(DurableTaskRegistry r) => r
        .AddOrchestrator<HelloSequence>().AddActivity<SayHello>()
        .AddOrchestrator<FanOut>().AddActivity<Square>()
        .AddOrchestrator<CatchFailure>().AddActivity<Fail>()
        .AddOrchestrator<RetryingCaller>().AddActivity<Flaky>()
        .AddOrchestrator<WaitForTwoApprovals>()
        .AddOrchestrator<WaitWithTimeout>()
        .AddOrchestrator<WaitForever>()
        .AddOrchestrator<Parent>().AddOrchestrator<Child>()
        .AddOrchestrator<Counter>()
        .AddOrchestrator<TimerThenDone>()
        .AddOrchestrator<RaceActivityAgainstEvent>();

    [Fact]
    public async Task CallActivityAsync_FiveInSequence_CompletesWithEveryResultInOrder()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(HelloSequence), "Lagos");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo", "Hello Seattle", "Hello London", "Hello Paris", "Hello Lagos"], result.ReadOutputAs<List<string>>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(5, history.Count(e => e.Type == HistoryEventType.TaskScheduled));
        Assert.Equal(5, history.Count(e => e.Type == HistoryEventType.TaskCompleted));
        Assert.Equal(HistoryEventType.ExecutionStarted, history[1].Type);
    }

    [Fact]
    public async Task WhenAny_ActivityBeatsAnEventThatNeverComes_WinnerIsKeptOnReplayAndInstanceCompletes()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(RaceActivityAgainstEvent), "Lagos");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("activity:Hello Lagos|Hello again", result.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(2, history.Count(e => e.Type == HistoryEventType.TaskCompleted));
    }

    [Fact]
    public async Task WhenAll_FanOutOfFiftyActivities_FansInEveryResult()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(FanOut), 50);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 50).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesTaskFailedException()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(CatchFailure), "x");
        Assert.Equal("Fail:boom: x", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RetryPolicy_FailsTwiceThenSucceeds_RetriesOnDurableTimers()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(RetryingCaller), new RetryInput(3, 5));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(3, history.Count(e => e.Type == HistoryEventType.TaskScheduled));
        var timers = history.Where(e => e.Type == HistoryEventType.TimerCreated).ToList();
        Assert.Equal(2, timers.Count);
        var firstDelay = timers[0].FireAt!.Value - timers[0].Timestamp;
        var secondDelay = timers[1].FireAt!.Value - timers[1].Timestamp;
        Assert.Equal(TimeSpan.FromMilliseconds(20), firstDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(40), secondDelay);
    }

    [Fact]
    public async Task RetryPolicy_AttemptsExhausted_OrchestrationFailsWithActivityError()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(RetryingCaller), new RetryInput(10, 2));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("attempt 2 failed", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryPolicy_BackoffIsCappedAtMaxInterval()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayBefore(2));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayBefore(3));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayBefore(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(1), backoffCoefficient: 0.5));
    }

    [Fact]
    public async Task RaiseEvent_WhileInstanceIsStillPending_IsKeptAndDeliveredInOrder()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForTwoApprovals), "x");
        Assert.Equal(SendEventResult.Accepted, await host.Client.RaiseEventAsync(id, "approval", "first"));
        Assert.Equal(SendEventResult.Accepted, await host.Client.RaiseEventAsync(id, "Approval", "second"));
        var result = await host.WaitAsync(id);
        Assert.Equal("first,second", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutElapses_TimerWinsAndInstanceCompletes()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(WaitWithTimeout), 200);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("timed out", result.ReadOutputAs<string>());
        Assert.Equal(SendEventResult.Finished, await host.Client.RaiseEventAsync(result.InstanceId, "Decision", "late"));
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeatsLongTimeout_InstanceCompletesWithoutWaitingForTimer()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitWithTimeout), 3_600_000);
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "decision", "approved");
        var result = await host.WaitAsync(id, seconds: 10);
        Assert.Equal("approved", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownOrFinishedInstance_IsRefused()
    {
        await using var host = await StartAsync();
        Assert.Equal(SendEventResult.NotFound, await host.Client.RaiseEventAsync("nobody", "Go", "x"));
        var done = await host.RunAsync(nameof(HelloSequence), "x");
        Assert.Equal(SendEventResult.Finished, await host.Client.RaiseEventAsync(done.InstanceId, "Go", "x"));
    }

    [Fact]
    public async Task ScheduleNew_HundredConcurrentStartsOfOneId_CreateExactlyOneInstance()
    {
        await using var host = await StartAsync();
        var starts = Enumerable.Range(0, 100).Select(async _ =>
        {
            try
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x", new StartOrchestrationOptions { InstanceId = "call-1" });
                return true;
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(starts);
        Assert.Equal(1, outcomes.Count(created => created));
        await host.Client.RaiseEventAsync("call-1", "Go", "once");
        var result = await host.WaitAsync("call-1");
        Assert.Equal("once", result.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync("call-1");
        Assert.Single(history, e => e.Type == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task ScheduleNew_IdOfFinishedInstance_ReplacesItByDefault_AndNeverWhenConfigured()
    {
        await using (var host = await StartAsync())
        {
            await host.RunAsync(nameof(HelloSequence), "a", "same");
            var second = await host.RunAsync(nameof(HelloSequence), "b", "same");
            Assert.Equal("Hello b", second.ReadOutputAs<List<string>>()![4]);
        }

        await using var strict = await StartAsync(settings: new Dictionary<string, string?> { ["extensions:durableTask:overridableExistingInstanceStates"] = "None" });
        await strict.RunAsync(nameof(HelloSequence), "a", "same");
        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => strict.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "b", new StartOrchestrationOptions { InstanceId = "same" }));
        Assert.Contains("Completed", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("@entity")]
    [InlineData("bell\u0007")]
    public async Task ScheduleNew_InvalidInstanceId_IsRefusedWithTheReason(string instanceId)
    {
        await using var host = await StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = instanceId }));
        Assert.Contains("instance ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNew_TooLongIdOrUnknownOrchestrator_IsRefused()
    {
        await using var host = await StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = new string('a', 257) }));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchThing", "x"));
        Assert.Contains("NoSuchThing", unknown.Message, StringComparison.Ordinal);
        var page = await host.Client.GetAllInstancesAsync(new InstanceQuery());
        Assert.Empty(page.Instances);
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithReason()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        Assert.Equal(SendEventResult.Accepted, await host.Client.TerminateInstanceAsync(id, "operator said so"));
        var result = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said so", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspend_EventsWaitUntilResume()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.SuspendInstanceAsync(id);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Go", "later");
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(id);
        var result = await host.WaitAsync(id);
        Assert.Equal("later", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UnhandledEvents_RaisedButNeverAwaited_AreHandedToTheAppWhenTheInstanceEnds()
    {
        var unhandled = new RecordingUnhandledEvents();
        await using var host = await StartAsync(unhandled: unhandled);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "Note", "n1");
        await host.Client.RaiseEventAsync(id, "Go", "done");
        Assert.Equal("done", (await host.WaitAsync(id)).ReadOutputAs<string>());
        Assert.Equal(new UnhandledEvent(id, nameof(WaitForever), "Note", "\"n1\""), Assert.Single(unhandled.Received));
    }

    [Fact]
    public async Task UnhandledEvents_ArrivingInTheEpisodeThatEndsTheInstance_AreHandedToTheApp()
    {
        var unhandled = new RecordingUnhandledEvents();
        await using var host = await StartAsync(unhandled: unhandled);
        var id = await SuspendedWhileWaitingAsync(host);

        // Both wait for the resume; then "Go" ends the instance and "Note" comes after its end, in the same episode.
        await host.Client.RaiseEventAsync(id, "Go", "done");
        await host.Client.RaiseEventAsync(id, "Note", "n2");
        await host.Client.ResumeInstanceAsync(id);
        Assert.Equal("done", (await host.WaitAsync(id)).ReadOutputAs<string>());
        Assert.Equal(new UnhandledEvent(id, nameof(WaitForever), "Note", "\"n2\""), Assert.Single(unhandled.Received));
    }

    [Fact]
    public async Task UnhandledEvents_AcceptedWhileSuspendedThenTerminated_AreHandedToTheApp()
    {
        var unhandled = new RecordingUnhandledEvents();
        await using var host = await StartAsync(unhandled: unhandled);
        var id = await SuspendedWhileWaitingAsync(host);
        Assert.Equal(SendEventResult.Accepted, await host.Client.RaiseEventAsync(id, "Go", "too late"));
        await host.Client.TerminateInstanceAsync(id, "operator said so");
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Terminated);
        Assert.Equal(new UnhandledEvent(id, nameof(WaitForever), "Go", "\"too late\""), await unhandled.SingleAsync());
    }

    /// <summary>Starts <see cref="WaitForever"/> and suspends it once it waits.</summary>
    private static async Task<string> SuspendedWhileWaitingAsync(DurableTestHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.SuspendInstanceAsync(id);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        return id;
    }

    [Fact]
    public async Task CustomStatus_SetByOrchestrator_IsVisibleToClients()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "Go", "v");
        var result = await host.WaitAsync(id);
        Assert.Equal("done", result.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task Purge_FinishedInstanceGoes_RunningInstanceStays()
    {
        await using var host = await StartAsync();
        var done = await host.RunAsync(nameof(HelloSequence), "x");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        Assert.False(await host.Client.PurgeInstanceAsync(running));
        Assert.True(await host.Client.PurgeInstanceAsync(done.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.Empty(await host.Client.GetHistoryAsync(done.InstanceId));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task SubOrchestration_ChildResultsReachParent()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(Parent), 3, "parent-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal((9 + 1) + (16 + 1), result.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("parent-1:child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_RestartsWithNewInputUntilDone()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(Counter), 0);
        Assert.Equal(3, result.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Single(history, e => e.Type == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task QueryInstances_PagesThroughEveryInstanceByStatus()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await host.RunAsync(nameof(HelloSequence), "x", $"q-{i}");
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x", new StartOrchestrationOptions { InstanceId = "q-wait" });
        await host.WaitForCustomStatusAsync(waiting, "waiting");
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await host.Client.GetAllInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 3, ContinuationToken = token });
            Assert.True(page.Instances.Count <= 3);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"q-{i}").Order(), seen.Order());
    }

    [Fact]
    public async Task Restart_InstancesWaitingOnTimersAndEvents_FinishOnTheNextHost()
    {
        var directory = Store.NewLocation();
        var ids = new List<string>();
        await using (var first = await StartAsync(directory))
        {
            for (var i = 0; i < 10; i++)
            {
                ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerThenDone), 500));
            }

            await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x", new StartOrchestrationOptions { InstanceId = "survivor" });
            await first.WaitForCustomStatusAsync("survivor", "waiting");
        }

        await using var second = await StartAsync(directory);
        await second.Client.RaiseEventAsync("survivor", "Go", "after restart");
        Assert.Equal("after restart", (await second.WaitAsync("survivor")).ReadOutputAs<string>());
        foreach (var id in ids)
        {
            var result = await second.WaitAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.StartsWith("Hello ", result.ReadOutputAs<string>(), StringComparison.Ordinal);
        }
    }

    private Task<DurableTestHost> StartAsync(string? location = null, IReadOnlyDictionary<string, string?>? settings = null, IUnhandledEventHandler? unhandled = null) =>
        DurableTestHost.StartAsync(RegisterAll, location, settings, store: Store, addServices: unhandled is null ? null : s => s.AddSingleton(unhandled));

    private static async Task WaitForStatusAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await host.Client.GetInstanceAsync(id))?.RuntimeStatus == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Instance {id} never reached {status}.");
    }
}
