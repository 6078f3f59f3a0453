using System.Diagnostics;
using DialNexa.DurableTask.Sqlite.Dispatch;
using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>Running instances are served before new ones, and new ones wait while activities are behind, but never for good.</summary>
public sealed class StartAdmissionTests
{
    [Fact]
    public void Admission_WhileActivitiesKeepUp_LetsEveryStartGo()
    {
        var admission = new StartAdmission(activityBacklogLimit: 10, sessionLimit: 50);

        Assert.True(admission.Admits(busyWorkItems: 0, activityBacklog: 9, episodes: 0, readyAt: Stopwatch.GetTimestamp()));
        admission.Started(0);
        Assert.True(admission.Admits(busyWorkItems: 0, activityBacklog: 0, episodes: 0, readyAt: Stopwatch.GetTimestamp()));
    }

    [Fact]
    public void Admission_WhileActivitiesAreBehind_LetsOneStartGoPerSixteenEpisodes()
    {
        var admission = new StartAdmission(activityBacklogLimit: 10, sessionLimit: 50);
        admission.Started(100);

        Assert.False(admission.Admits(busyWorkItems: 0, activityBacklog: 10, episodes: 100 + StartAdmission.EpisodesPerStartWhenBehind - 1, readyAt: Stopwatch.GetTimestamp()));
        Assert.True(admission.Admits(busyWorkItems: 0, activityBacklog: 10, episodes: 100 + StartAdmission.EpisodesPerStartWhenBehind, readyAt: Stopwatch.GetTimestamp()));
    }

    [Fact]
    public void Admission_WhileActivitiesAreBehind_LetsAStartGoOnceItWaitedTheLongest()
    {
        var admission = new StartAdmission(activityBacklogLimit: 10, sessionLimit: 50);
        admission.Started(0);
        var longAgo = Stopwatch.GetTimestamp() - (long)(StartAdmission.LongestWait.TotalSeconds * Stopwatch.Frequency) - 1;

        Assert.False(admission.Admits(busyWorkItems: 0, activityBacklog: 50, episodes: 1, readyAt: Stopwatch.GetTimestamp()));
        Assert.True(admission.Admits(busyWorkItems: 0, activityBacklog: 50, episodes: 1, readyAt: longAgo));
    }

    [Fact]
    public void Admission_WhileEverySessionIsTaken_HoldsStartsThoughActivitiesKeepUp()
    {
        var admission = new StartAdmission(activityBacklogLimit: 10, sessionLimit: StartAdmission.SessionsGranted(100));
        admission.Started(0);

        Assert.Equal(50, StartAdmission.SessionsGranted(100));
        Assert.Equal(1, StartAdmission.SessionsGranted(1));
        Assert.True(admission.Admits(activityBacklog: 0, busyWorkItems: 49, episodes: 0, readyAt: Stopwatch.GetTimestamp()));
        Assert.False(admission.Admits(activityBacklog: 0, busyWorkItems: 50, episodes: StartAdmission.EpisodesPerStartWhenBehind - 1, readyAt: Stopwatch.GetTimestamp()));
        Assert.True(admission.Admits(activityBacklog: 0, busyWorkItems: 50, episodes: StartAdmission.EpisodesPerStartWhenBehind, readyAt: Stopwatch.GetTimestamp()));
    }

    [Fact]
    public async Task Dispatch_WhileEverySessionWaitsForAnActivity_HoldsTheNewInstanceUntilOneEnds()
    {
        await using var hub = await StartOneSessionHubAsync(TimeSpan.FromMinutes(5));
        var service = hub.Service;

        // "working" holds the one session while it waits for its activity.
        var first = await FirstEpisodeAsync(hub, "working", scheduleActivity: true);
        await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", "new-1", null);
        Assert.Null(await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));

        await service.ReleaseTaskOrchestrationWorkItemAsync(first);
        var next = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("new-1", next.InstanceId);
    }

    [Fact]
    public async Task Dispatch_ASessionWaitingForAnEvent_DoesNotHoldTheNewInstance_AndGivesUpItsPlaceWhileSessionsAreTaken()
    {
        await using var hub = await StartOneSessionHubAsync(TimeSpan.FromMinutes(5));
        var service = hub.Service;
        var first = await FirstEpisodeAsync(hub, "waiting", scheduleActivity: false);

        // "waiting" scheduled nothing (it waits for an event): its idle session does not hold the new instance back.
        var fetch = first.Session.FetchNewOrchestrationMessagesAsync(first);
        await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", "new-1", null);
        var next = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("new-1", next.InstanceId);

        // Both slots are out, so every session is taken: the idle one ends long before its five-minute idle timeout.
        var clock = Stopwatch.StartNew();
        Assert.Null(await fetch);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Dispatch_WithNoNewInstanceWaiting_AnIdleSessionKeepsItsPlaceUntilItsIdleTimeout()
    {
        await using var hub = await StartOneSessionHubAsync(TimeSpan.FromSeconds(3));
        var first = await FirstEpisodeAsync(hub, "working", scheduleActivity: true);

        var clock = Stopwatch.StartNew();
        Assert.Null(await first.Session.FetchNewOrchestrationMessagesAsync(first));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"The session ended after {clock.Elapsed}, before its idle timeout of 3 s.");
    }

    [Fact]
    public async Task Dispatch_WithActivitiesBehind_HandsOutTheRunningInstanceFirstAndHoldsNewOnesUntilActivitiesCatchUp()
    {
        await using var hub = await TestHub.StartAsync(
            _ => { },
            directory => TestHub.DefaultSettings(directory) with { MaxConcurrentActivityWorkItems = 1, ExtendedSessionIdleTimeout = TimeSpan.Zero },
            startWorker: false);
        var service = hub.Service;
        await service.StartAsync();

        // "running" starts and schedules an activity nobody has taken yet: the activity queue is at its limit of one.
        var running = await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", "running", null);
        var first = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("running", first.InstanceId);
        await CompleteWithActivityAsync(service, first, running);
        await service.ReleaseTaskOrchestrationWorkItemAsync(first);

        // Two new instances become ready before the running one's event arrives.
        await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", "new-1", null);
        await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", "new-2", null);
        await hub.Client.RaiseEventAsync(running, "Go", "now");

        var second = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("running", second.InstanceId);
        Assert.Null(await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));

        // Once the activity is taken, the queue is no longer behind: the new instances start, oldest first.
        var activity = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("Step", ((TaskScheduledEvent)activity.TaskMessage.Event).Name);
        var third = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("new-1", third.InstanceId);
        var fourth = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("new-2", fourth.InstanceId);
    }

    [Fact]
    public async Task Dispatch_DispatcherStopsWhileItWaitsForWork_EndsTheWaitAtOnce()
    {
        await using var hub = await TestHub.StartAsync(_ => { }, startWorker: false);
        await hub.Service.StartAsync();
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hub.Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), stopping.Token));

        // Not after the 30 s receive timeout (a wait that ignored the stop would spin until then).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The wait ended {clock.Elapsed} after it began.");
    }

    /// <summary>A hub whose provider runs two orchestration work items at once, so DurableTask.Core grants one extended session.</summary>
    private static async Task<TestHub> StartOneSessionHubAsync(TimeSpan idleTimeout)
    {
        var hub = await TestHub.StartAsync(
            _ => { },
            directory => TestHub.DefaultSettings(directory) with { MaxConcurrentOrchestrationWorkItems = 2, ExtendedSessionIdleTimeout = idleTimeout },
            startWorker: false);
        await hub.Service.StartAsync();
        return hub;
    }

    /// <summary>Starts an instance and runs its first episode (an activity scheduled, or nothing: it waits for an event); its session stays open.</summary>
    private static async Task<TaskOrchestrationWorkItem> FirstEpisodeAsync(TestHub hub, string instanceId, bool scheduleActivity)
    {
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Chain", "", instanceId, null);
        var workItem = await hub.Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(instanceId, workItem.InstanceId);
        await CompleteAsync(hub.Service, workItem, instance, scheduleActivity);
        return workItem;
    }

    private static Task CompleteWithActivityAsync(SqliteOrchestrationService service, TaskOrchestrationWorkItem workItem, OrchestrationInstance instance) =>
        CompleteAsync(service, workItem, instance, scheduleActivity: true);

    /// <summary>Checkpoints the instance's first episode as the runtime would: started, and one activity scheduled or none (it waits for an event).</summary>
    private static async Task CompleteAsync(SqliteOrchestrationService service, TaskOrchestrationWorkItem workItem, OrchestrationInstance instance, bool scheduleActivity)
    {
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in workItem.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        List<TaskMessage> activities = [];
        if (scheduleActivity)
        {
            var scheduled = new TaskScheduledEvent(0) { Name = "Step", Input = "1" };
            state.AddEvent(scheduled);
            activities.Add(new TaskMessage { Event = scheduled, OrchestrationInstance = state.OrchestrationInstance ?? instance });
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        var status = new OrchestrationState
        {
            OrchestrationInstance = state.OrchestrationInstance,
            Name = state.Name,
            OrchestrationStatus = OrchestrationStatus.Running,
            CreatedTime = state.CreatedTime,
            LastUpdatedTime = DateTime.UtcNow,
            Input = state.Input,
        };
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, activities, [], [], null!, status);
    }
}
