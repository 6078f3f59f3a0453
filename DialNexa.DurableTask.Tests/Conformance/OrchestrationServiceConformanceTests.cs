using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.Client;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static DialNexa.DurableTask.Tests.Conformance.ConformanceOrchestrations;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>
/// What every orchestration service must do under the self-host's worker and client, with Microsoft.DurableTask
/// orchestrators and activities. Derived once per provider (one small class naming its <see cref="ConformanceProvider"/>);
/// the tests of one class share that provider's hub, so each uses instance IDs of its own.
/// </summary>
public abstract class OrchestrationServiceConformanceTests(ConformanceProvider provider)
{
    /// <summary>A safety net so a broken provider fails the test instead of hanging the run; not a performance bound.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    protected ConformanceProvider SelfHost => provider;

    private DurableTaskClient Client => provider.Client;

    [Fact]
    public async Task CallActivityAsync_ThreeInSequence_ReturnsEachResultInOrder()
    {
        var id = await StartAsync(nameof(HelloSequence));

        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], result.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task CallActivityAsync_FanOutFanIn_SumsEveryResult()
    {
        var id = await StartAsync(nameof(FanOutFanIn), 12);

        var result = await CompleteAsync(id);

        Assert.Equal(Enumerable.Range(1, 12).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RetryPolicy_ActivityFailsTwice_ThirdAttemptSucceeds()
    {
        var id = await StartAsync(nameof(RetryActivity), new RetryInput(Failures: 2, MaxAttempts: 4));

        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RetryPolicy_AttemptsExhausted_InstanceFailsWithTheActivitysError()
    {
        var id = await StartAsync(nameof(RetryActivity), new RetryInput(Failures: 5, MaxAttempts: 2));

        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(2, Attempts[id]);
        var root = Root(result.FailureDetails!);
        Assert.Equal(typeof(InvalidOperationException).FullName, root.ErrorType);
        Assert.Contains("attempt 2", root.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEventAsync_RaisedBeforeTheOrchestratorWaits_IsDeliveredWhenItWaits()
    {
        var id = await StartAsync(nameof(TwoEvents));
        await Client.WaitForInstanceStartAsync(id, Cancel());

        // "Second" arrives while the orchestrator still waits for "First".
        await Client.RaiseEventAsync(id, "Second", "b", Cancel());
        await Client.RaiseEventAsync(id, "First", "a", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal("a+b", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_RightAfterStartWhilePending_IsDelivered()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Approval");

        await Client.RaiseEventAsync(id, "Approval", "at once", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal("at once", result.ReadOutputAs<string>());
    }

    /// <summary>
    /// An event raised while a scheduled start keeps the instance Pending: kept where the provider keeps it
    /// (<see cref="ConformanceProvider.KeepsEventsRaisedBeforeScheduledStart"/>), otherwise dropped, and the instance
    /// still takes the next one.
    /// </summary>
    [Fact]
    public async Task RaiseEventAsync_WhileScheduledStartKeepsInstancePending_IsKeptWhereTheProviderKeepsIt()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var id = await StartAsync(nameof(WaitForEvent), "Approval", startAt);
        var pending = await Client.GetInstanceAsync(id, Cancel());
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);

        await Client.RaiseEventAsync(id, "Approval", "early", Cancel());

        if (SelfHost.KeepsEventsRaisedBeforeScheduledStart)
        {
            Assert.Equal("early", (await CompleteAsync(id)).ReadOutputAs<string>());
        }
        else
        {
            var started = await WaitUntilAsync(id, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending);
            Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
            await Client.RaiseEventAsync(id, "Approval", "after start", Cancel());
            Assert.Equal("after start", (await CompleteAsync(id)).ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task CreateTimer_EventWinsTheRace_TimerIsCancelledAndInstanceFinishes()
    {
        var id = await StartAsync(nameof(RaceTimerAgainstEvent), new RaceInput(TimerSeconds: 3600, EventName: "Approval"));
        await Client.WaitForInstanceStartAsync(id, Cancel());

        await Client.RaiseEventAsync(id, "Approval", "yes", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("event:yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateTimer_NoEventArrives_TimerWinsTheRace()
    {
        var id = await StartAsync(nameof(RaceTimerAgainstEvent), new RaceInput(TimerSeconds: 1, EventName: "Approval"));

        var result = await CompleteAsync(id);

        Assert.Equal("timer", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeoutAndNoEvent_ThrowsTaskCanceledInTheOrchestrator()
    {
        var id = await StartAsync(nameof(WaitForEventWithTimeout), 1);

        var result = await CompleteAsync(id);

        Assert.Equal("timeout", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_Child_SeesItsParentAndReturnsItsResult()
    {
        var id = await StartAsync(nameof(ParentOfChild), "Lagos");

        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal($"{nameof(ParentOfChild)}|{id}|Hello Lagos!", result.ReadOutputAs<string>());
    }

    /// <summary>The old engine lost the activity's exception when it crossed a sub-orchestration boundary.</summary>
    [Fact]
    public async Task CallSubOrchestratorAsync_ChildsActivityFails_ParentSeesTheRootCause()
    {
        var id = await StartAsync(nameof(ChargeParent), "call_42");

        var report = (await CompleteAsync(id)).ReadOutputAs<FailureReport>()!;

        Assert.Equal(typeof(TaskFailedException).FullName, report.ErrorType);
        Assert.Equal(typeof(PaymentDeclinedException).FullName, report.RootErrorType);
        Assert.Equal("card declined for call_42", report.RootErrorMessage);
    }

    /// <summary>The old engine compared type names exactly, so a handler for a base exception missed its subclasses.</summary>
    [Fact]
    public async Task IsCausedBy_FailureOfASubclass_IsTrueForItsBaseClassOnly()
    {
        var viaChild = (await CompleteAsync(await StartAsync(nameof(ChargeParent), "call_43"))).ReadOutputAs<FailureReport>()!;
        var direct = await CompleteAsync(await StartAsync(nameof(ChargeDirectly), "call_44"));

        Assert.True(viaChild.RootIsBilling);
        Assert.True(viaChild.RootIsPaymentDeclined);
        Assert.False(viaChild.IsArgumentException);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, direct.RuntimeStatus);
        Assert.True(direct.ReadOutputAs<FailureReport>()!.RootIsBilling);
    }

    [Fact]
    public async Task GetInstanceAsync_ParentFailsWithItsChild_FailureDetailsChainEndsAtTheRootCause()
    {
        var id = await StartAsync(nameof(ChargeParentUnhandled), "call_45");

        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var root = Root(result.FailureDetails!);
        Assert.Equal(typeof(PaymentDeclinedException).FullName, root.ErrorType);
        Assert.Equal("card declined for call_45", root.ErrorMessage);
        Assert.True(root.IsCausedBy<BillingException>());
        var child = await Client.GetInstanceAsync($"{id}:child", Cancel());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child!.RuntimeStatus);
        Assert.True(Root(child.FailureDetails!).IsCausedBy<BillingException>());
    }

    [Fact]
    public async Task SendEvent_FromAnotherInstance_IsDelivered()
    {
        var receiver = await StartAsync(nameof(WaitForEvent), "Ping");
        await Client.WaitForInstanceStartAsync(receiver, Cancel());
        var sender = await StartAsync(nameof(SendPing), receiver);

        var result = await CompleteAsync(receiver);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await CompleteAsync(sender)).RuntimeStatus);
        Assert.Equal($"from {sender}", result.ReadOutputAs<string>());
    }

    /// <summary>The old engine let a cancelled timer of an earlier execution fire into the next one.</summary>
    [Fact]
    public async Task ContinueAsNew_TimerOfTheEarlierExecution_DoesNotFireIntoTheNextOne()
    {
        var id = await StartAsync(nameof(ContinueAsNewAfterTimerRace), 0);
        await Client.RaiseEventAsync(id, "Next", "go", Cancel());
        await WaitUntilAsync(id, m => m.ReadCustomStatusAs<string>() == "generation 1");

        // Generation 0's two-second timer was cancelled but stays scheduled; let it come due before generation 1 decides.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Client.RaiseEventAsync(id, "Finish", "done", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal("event:done", result.ReadOutputAs<string>());
    }

    /// <summary>The old engine let a timer of a finished instance fire into a new instance started under the same ID.</summary>
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdReusedAfterCompletion_EarlierTimerDoesNotFireIntoTheNewInstance()
    {
        var id = await StartAsync(nameof(RaceTimerAgainstEvent), new RaceInput(TimerSeconds: 2, EventName: "Next"));
        await Client.RaiseEventAsync(id, "Next", "first", Cancel());
        Assert.Equal("event:first", (await CompleteAsync(id)).ReadOutputAs<string>());

        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RaceTimerAgainstEvent), new RaceInput(TimerSeconds: 600, EventName: "Finish"), new StartOrchestrationOptions(id), Cancel());
        await WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Client.RaiseEventAsync(id, "Finish", "second", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal("event:second", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_WaitsUntilResumed()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Go");
        await Client.WaitForInstanceStartAsync(id, Cancel());

        await Client.SuspendInstanceAsync(id, "hold", Cancel());
        await WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "Go", "resumed", Cancel());
        var stillSuspended = await Client.GetInstanceAsync(id, Cancel());
        await Client.ResumeInstanceAsync(id, "release", Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, stillSuspended!.RuntimeStatus);
        Assert.Equal("resumed", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_EndsTerminatedWithTheGivenOutput()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Never");
        await Client.WaitForInstanceStartAsync(id, Cancel());

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stopped by test"), Cancel());

        var result = await CompleteAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by test", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesTheRunningChild()
    {
        var id = await StartAsync(nameof(ParentWaitingOnChild), "Never");
        await WaitUntilAsync($"{id}:child", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Recursive: true), Cancel());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await CompleteAsync(id)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await CompleteAsync($"{id}:child")).RuntimeStatus);
    }

    [Fact]
    public async Task TerminateInstanceAsync_NotRecursive_LeavesTheChildRunning()
    {
        var id = await StartAsync(nameof(ParentWaitingOnChild), "Release");
        await WaitUntilAsync($"{id}:child", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Recursive: false), Cancel());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await CompleteAsync(id)).RuntimeStatus);

        var child = await Client.GetInstanceAsync($"{id}:child", Cancel());
        Assert.Equal(OrchestrationRuntimeStatus.Running, child!.RuntimeStatus);
        await Client.RaiseEventAsync($"{id}:child", "Release", "bye", Cancel());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await CompleteAsync($"{id}:child")).RuntimeStatus);
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedInstance_RemovesIt()
    {
        var id = await StartAsync(nameof(HelloSequence));
        await CompleteAsync(id);

        var purged = await Client.PurgeInstanceAsync(id, cancellation: Cancel());

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(id, Cancel()));
    }

    [Fact]
    public async Task PurgeInstanceAsync_RunningInstance_IsRefusedAndKept()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Go");
        await Client.WaitForInstanceStartAsync(id, Cancel());

        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(id, cancellation: Cancel()));

        Assert.NotNull(await Client.GetInstanceAsync(id, Cancel()));
        await Client.RaiseEventAsync(id, "Go", "x", Cancel());
        await CompleteAsync(id);
    }

    [Fact]
    public async Task PurgeInstanceAsync_Recursive_RemovesTheSubOrchestrationToo()
    {
        var id = await StartAsync(nameof(ParentOfChild), "Accra");
        await CompleteAsync(id);

        var purged = await Client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true), Cancel());

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(id, Cancel()));
        Assert.Null(await Client.GetInstanceAsync($"{id}:child", Cancel()));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByCreatedTimeAndStatus_RemovesTheMatchingInstances()
    {
        // The tests of a class run one after another, so only this test's instances are created from here on.
        var from = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await StartAsync(nameof(Echo), $"purge {i}"));
        }

        foreach (var id in ids)
        {
            await CompleteAsync(id);
        }

        var to = DateTimeOffset.UtcNow.AddSeconds(1);

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, [OrchestrationRuntimeStatus.Completed]), Cancel());

        Assert.Equal(3, purged.PurgedInstanceCount);
        foreach (var id in ids)
        {
            Assert.Null(await Client.GetInstanceAsync(id, Cancel()));
        }
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_FilterNamesRunning_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddDays(-1), null, [OrchestrationRuntimeStatus.Running]), Cancel()));
    }

    [Fact]
    public async Task RestartAsync_SameInstanceId_RunsAgainWithTheOriginalInput()
    {
        var id = await StartAsync(nameof(Echo), "again");
        var first = await CompleteAsync(id);

        var restarted = await Client.RestartAsync(id, restartWithNewInstanceId: false, Cancel());

        Assert.Equal(id, restarted);
        var second = await WaitUntilAsync(id, m => m.IsCompleted && m.CreatedAt > first.CreatedAt);
        Assert.Equal("again", second.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RestartAsync_NewInstanceId_StartsAnotherInstanceWithTheOriginalInput()
    {
        var id = await StartAsync(nameof(Echo), "copy");
        await CompleteAsync(id);

        var restarted = await Client.RestartAsync(id, restartWithNewInstanceId: true, Cancel());

        Assert.NotEqual(id, restarted);
        Assert.Equal("copy", (await CompleteAsync(restarted)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task RestartAsync_UnknownInstance_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.RestartAsync($"missing-{Guid.NewGuid():N}", cancellation: Cancel()));
    }

    [Fact]
    public async Task GetAllInstancesAsync_PagesWithContinuation_ReturnsEachInstanceOnce()
    {
        var prefix = $"query-{Guid.NewGuid():N}-";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StartAsync(nameof(Echo), $"q{i}", instanceId: $"{prefix}{i}"));
        }

        foreach (var id in ids)
        {
            await CompleteAsync(id);
        }

        var seen = new List<string>();
        var pages = 0;
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, FetchInputsAndOutputs = true }).AsPages())
        {
            pages++;
            seen.AddRange(page.Values.Select(m => m.InstanceId));
            Assert.All(page.Values, m => Assert.StartsWith("q", m.ReadOutputAs<string>(), StringComparison.Ordinal));
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"5 instances in pages of 2 came in {pages} page(s)");
    }

    [Fact]
    public async Task GetAllInstancesAsync_StatusFilter_ReturnsOnlyThatStatus()
    {
        var prefix = $"status-{Guid.NewGuid():N}-";
        var done = await StartAsync(nameof(Echo), "done", instanceId: $"{prefix}done");
        var waiting = await StartAsync(nameof(WaitForEvent), "Go", instanceId: $"{prefix}waiting");
        await CompleteAsync(done);
        await Client.WaitForInstanceStartAsync(waiting, Cancel());

        var running = new List<string>();
        await foreach (var m in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }))
        {
            running.Add(m.InstanceId);
        }

        Assert.Equal([waiting], running);
        await Client.RaiseEventAsync(waiting, "Go", "x", Cancel());
        await CompleteAsync(waiting);
    }

    [Fact]
    public async Task ListInstanceIdsAsync_CompletedInstances_PagesThroughEveryId()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await StartAsync(nameof(Echo), $"l{i}"));
        }

        foreach (var id in ids)
        {
            await CompleteAsync(id);
        }

        var seen = new List<string>();
        string? key = null;
        do
        {
            var page = await Client.ListInstanceIdsAsync([OrchestrationRuntimeStatus.Completed], from, null, pageSize: 2, key, Cancel());
            seen.AddRange(page.Values);
            key = page.ContinuationToken;
        }
        while (key is not null);

        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_IsPendingUntilThen()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var id = await StartAsync(nameof(ReportStart), startAt: startAt);

        var pending = await Client.GetInstanceAsync(id, Cancel());
        var result = await CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        var startedAt = result.ReadOutputAs<StartReport>()!.StartedAt;
        Assert.True(
            startedAt >= startAt.UtcDateTime - SelfHost.ScheduledStartPrecision,
            $"the orchestrator ran at {startedAt:O}, before its scheduled start {startAt.UtcDateTime:O} (precision {SelfHost.ScheduledStartPrecision})");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_VersionAndTags_AreKept()
    {
        var tags = new Dictionary<string, string> { ["callId"] = "call_7f3a" };
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ReportStart), null, new StartOrchestrationOptions { Version = new TaskVersion("2.1"), Tags = tags }, Cancel());

        var result = await CompleteAsync(id);

        Assert.Equal("2.1", result.ReadOutputAs<StartReport>()!.Version);
        Assert.Equal("call_7f3a", result.Tags["callId"]);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_RunningInstanceAndNoDedupeStatuses_ThrowsAlreadyExists()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Go");
        await Client.WaitForInstanceStartAsync(id, Cancel());

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEvent), "Go", new StartOrchestrationOptions(id), Cancel()));

        await Client.RaiseEventAsync(id, "Go", "first", Cancel());
        Assert.Equal("first", (await CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_CompletedInstanceAndDedupeOnCompleted_ThrowsAlreadyExists()
    {
        var id = await StartAsync(nameof(Echo), "once");
        await CompleteAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(Echo), "twice", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed), Cancel()));
        Assert.Equal("once", (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Cancel()))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_AnyStateDefault_ReplacesTheRunningInstance()
    {
        var id = await StartAsync(nameof(WaitForEvent), "Go");
        await Client.WaitForInstanceStartAsync(id, Cancel());
        var anyState = SelfHost.CreateClient(new DurableTaskSelfHostOptions { OverridableExistingInstanceStates = OverridableExistingInstanceStates.AnyState });

        await anyState.ScheduleNewOrchestrationInstanceAsync(nameof(Echo), "replacement", new StartOrchestrationOptions(id), Cancel());

        var result = await WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed && m.Name == nameof(Echo));
        Assert.Equal("replacement", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SetCustomStatus_WhileWaiting_IsReadByTheClient()
    {
        var id = await StartAsync(nameof(CustomStatusThenWait));

        var waiting = await WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);
        await Client.RaiseEventAsync(id, "Go", "ok", Cancel());
        var done = await CompleteAsync(id);

        Assert.Equal(new Stage("waiting", 1), waiting.ReadCustomStatusAs<Stage>());
        Assert.Equal(new Stage("done", 2), done.ReadCustomStatusAs<Stage>());
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_LeavesThemOut()
    {
        var id = await StartAsync(nameof(Echo), "secret-ish");
        await CompleteAsync(id);

        var bare = await Client.GetInstanceAsync(id, getInputsAndOutputs: false, Cancel());
        var full = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Cancel());

        Assert.Null(bare!.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal("secret-ish", full!.ReadInputAs<string>());
        Assert.Equal(nameof(Echo), full.Name);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownInstance_ReturnsNull()
    {
        Assert.Null(await Client.GetInstanceAsync($"missing-{Guid.NewGuid():N}", Cancel()));
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_CompletedSequence_ListsItsEventsInOrder()
    {
        var id = await StartAsync(nameof(HelloSequence));
        await CompleteAsync(id);

        var history = await Client.GetOrchestrationHistoryAsync(id, Cancel());

        Assert.IsType<ExecutionStartedEvent>(history.First(e => e is not OrchestratorStartedEvent));
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], history.OfType<TaskCompletedEvent>().Select(e => System.Text.Json.JsonSerializer.Deserialize<string>(e.Result)));
        Assert.Equal(global::DurableTask.Core.OrchestrationStatus.Completed, history.OfType<ExecutionCompletedEvent>().Single().OrchestrationStatus);
    }

    [Fact]
    public async Task RewindInstanceAsync_FailedInstance_RunsTheFailedActivityAgainWhereSupported()
    {
        var key = $"rewind-{Guid.NewGuid():N}";
        Armed[key] = true;
        var id = await StartAsync(nameof(ActivityFailsWhileArmed), key);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await CompleteAsync(id)).RuntimeStatus);
        Armed.TryRemove(key, out _);

        if (Client is OrchestrationServiceDurableTaskClient { SupportsRewind: true })
        {
            await Client.RewindInstanceAsync(id, "fixed", Cancel());
            var result = await WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
            Assert.Equal($"ran {key}", result.ReadOutputAs<string>());
        }
        else
        {
            var error = await Assert.ThrowsAsync<NotSupportedException>(() => Client.RewindInstanceAsync(id, "fixed", Cancel()));
            Assert.Contains("Rewind is not supported", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RaiseEventAsync_FinishedInstance_IsIgnoredWithoutError()
    {
        var id = await StartAsync(nameof(Echo), "over");
        await CompleteAsync(id);

        await Client.RaiseEventAsync(id, "Late", "ignored", Cancel());

        Assert.Equal("over", (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Cancel()))!.ReadOutputAs<string>());
    }

    private async Task<string> StartAsync(string name, object? input = null, DateTimeOffset? startAt = null, string? instanceId = null)
    {
        var options = new StartOrchestrationOptions(instanceId ?? $"{name}-{Guid.NewGuid():N}", startAt);
        return await Client.ScheduleNewOrchestrationInstanceAsync(name, input, options, Cancel());
    }

    private async Task<OrchestrationMetadata> CompleteAsync(string instanceId) =>
        await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Cancel());

    private async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        var cancellation = Cancel();
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(100, cancellation);
        }
    }

    private static TaskFailureDetails Root(TaskFailureDetails details)
    {
        while (details.InnerFailure is not null)
        {
            details = details.InnerFailure;
        }

        return details;
    }

    private static CancellationToken Cancel() => new CancellationTokenSource(Patience).Token;
}
