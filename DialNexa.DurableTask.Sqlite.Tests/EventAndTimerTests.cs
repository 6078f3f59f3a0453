using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class EventAndTimerTests
{
    private static void AddWorkThenWait(HubRegistry registry) => registry
        .Orchestration<string, string>("WorkThenWait", async (context, _) =>
        {
            var work = await context.CallActivityAsync<string>("Work", "x");
            var approval = await context.WaitForExternalEvent<string>("Approval");
            return $"{work} then {approval}";
        })
        .Activity<string, string>("Work", async (_, _) =>
        {
            await Task.Delay(200);
            return "worked";
        });

    private static void AddRace(HubRegistry registry) => registry
        .Orchestration<int, string>("EventOrTimeout", async (context, seconds) =>
        {
            try
            {
                return "event " + await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromSeconds(seconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });

    [Fact]
    public async Task RaiseEvent_BeforeTheOrchestratorWaitsForIt_IsKeptAndDelivered()
    {
        await using var hub = await TestHub.StartAsync(AddWorkThenWait);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("WorkThenWait", "", "early-event", "x");

        await hub.Client.RaiseEventAsync(instance, "Approval", "approved");
        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"worked then approved\"", state.Output);
    }

    [Fact]
    public async Task RaiseEvent_WhileTheInstanceIsPendingUntilAScheduledStart_IsDeliveredAfterTheStart()
    {
        await using var hub = await TestHub.StartAsync(AddWorkThenWait);
        var instance = await hub.Client.CreateScheduledOrchestrationInstanceAsync("WorkThenWait", "", "pending-event", "x", DateTime.UtcNow.AddSeconds(1));

        await hub.Client.RaiseEventAsync(instance, "Approval", "approved early");
        var pending = await hub.StateAsync("pending-event");
        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Pending, pending.OrchestrationStatus);
        Assert.Equal("\"worked then approved early\"", state.Output);
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_IsDroppedWithoutCreatingIt()
    {
        await using var hub = await TestHub.StartAsync(AddWorkThenWait);

        await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "nobody" }, "Approval", "x");

        Assert.Null(await hub.Client.GetOrchestrationStateAsync("nobody"));
        Assert.Empty(await hub.Client.GetOrchestrationStateAsync("nobody", allExecutions: true));
    }

    [Fact]
    public async Task CreateTimer_DurableTimer_FiresAtItsTime()
    {
        await using var hub = await TestHub.StartAsync(r => r.Orchestration<string, string>("Sleeper", async (context, _) =>
        {
            var fireAt = context.CurrentUtcDateTime.AddSeconds(1);
            await context.CreateTimer(fireAt, CancellationToken.None);
            return context.CurrentUtcDateTime >= fireAt ? "woke on time" : "woke early";
        }));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Sleeper", "", "timer-1", "x");

        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"woke on time\"", state.Output);
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTheTimeout_EventWinsAndTheInstanceEnds()
    {
        await using var hub = await TestHub.StartAsync(AddRace);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("EventOrTimeout", "", "race-event", 30);
        await hub.WaitUntilAsync("race-event", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        await hub.Client.RaiseEventAsync(instance, "Approval", "yes");
        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"event yes\"", state.Output);
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventBeforeTheTimeout_TimerWins()
    {
        await using var hub = await TestHub.StartAsync(AddRace);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("EventOrTimeout", "", "race-timer", 1);

        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"timed out\"", state.Output);
    }

    [Fact]
    public async Task SendEvent_FromOneInstanceToAnother_IsDeliveredToTheWaitingInstance()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .Orchestration<string, string>("Receiver", async (context, _) => "received " + await context.WaitForExternalEvent<string>("Ping"))
            .Orchestration<string, string>("Sender", (context, target) =>
            {
                context.SendEvent(target!, "Ping", "from " + context.InstanceId);
                return Task.FromResult<string?>("sent");
            }));
        var receiver = await hub.Client.CreateOrchestrationInstanceAsync("Receiver", "", "receiver-1", "x");
        await hub.WaitUntilAsync("receiver-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var sender = await hub.Client.CreateOrchestrationInstanceAsync("Sender", "", "sender-1", "receiver-1");
        var senderState = await hub.WaitAsync(sender);
        var receiverState = await hub.WaitAsync(receiver);

        Assert.Equal("\"sent\"", senderState.Output);
        Assert.Equal("\"received from sender-1\"", receiverState.Output);
    }

    [Fact]
    public async Task RaiseEvent_SeveralEventsOfOneName_AreDeliveredInTheOrderRaised()
    {
        await using var hub = await TestHub.StartAsync(r => r.Orchestration<string, string>("Collector", async (context, _) =>
        {
            var got = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                got.Add(await context.WaitForExternalEvent<string>("Item"));
            }

            return string.Join(",", got);
        }));
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Collector", "", "ordered-1", "x");

        for (var i = 1; i <= 5; i++)
        {
            await hub.Client.RaiseEventAsync(instance, "Item", $"e{i}");
        }

        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"e1,e2,e3,e4,e5\"", state.Output);
    }
}
