using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>Runs on every store: each store derives it once (SQLite, Azurite).</summary>
public abstract class FailureHandlingTests : StoreConformanceTests
{
    [Fact]
    public async Task Replay_OrchestratorChangedWhileRunning_FailsNamingOrchestratorStepAndDifference()
    {
        var directory = Store.NewLocation();
        await using (var first = await StartAsync(r => r.AddOrchestrator<VersionOne.Shifting>().AddActivity<SayHello>(), directory))
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync("Shifting", "x", new StartOrchestrationOptions { InstanceId = "changed" });
            await first.WaitForCustomStatusAsync("changed", "waiting");
        }

        await using var second = await StartAsync(r => r.AddOrchestrator<VersionTwo.Shifting>().AddActivity<Square>().AddActivity<SayHello>(), directory);
        Assert.Equal(SendEventResult.Accepted, await second.Client.RaiseEventAsync("changed", "Go", "y"));
        var result = await second.WaitAsync("changed");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var message = result.FailureDetails!.ErrorMessage;
        Assert.Contains("'Shifting'", message, StringComparison.Ordinal);
        Assert.Contains("step 0", message, StringComparison.Ordinal);
        Assert.Contains("activity 'SayHello'", message, StringComparison.Ordinal);
        Assert.Contains("activity 'Square'", message, StringComparison.Ordinal);
        Assert.True(result.FailureDetails.IsCausedBy<NonDeterministicOrchestrationException>());
    }

    [Fact]
    public async Task Checkpoint_KeepsFailing_WorkIsDeadLetteredAndOrchestrationFails()
    {
        FaultyStore? faulty = null;
        await using var host = await StartAsync(
            r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(),
            settings: new Dictionary<string, string?> { ["extensions:durableTask:storageProvider:maxDequeueCount"] = "3" },
            wrapStore: inner => faulty = new FaultyStore(inner)
            {
                FailCheckpoint = (item, checkpoint) => item.InstanceId == "poison" && checkpoint.Instance.Status != OrchestrationRuntimeStatus.Failed,
            });
        var healthy = await host.RunAsync(nameof(HelloSequence), "ok", "healthy");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, healthy.RuntimeStatus);
        var result = await host.RunAsync(nameof(HelloSequence), "x", "poison");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("DeadLettered", result.FailureDetails!.ErrorType);
        var deadLetters = await host.Store.GetDeadLettersAsync(CancellationToken.None);
        var letter = Assert.Single(deadLetters);
        Assert.Equal("poison", letter.InstanceId);
        Assert.True(letter.DequeueCount > 3);
        Assert.NotNull(faulty);
    }

    [Fact]
    public async Task ActivityCompletion_KeepsFailing_ActivityIsDeadLetteredAndOrchestrationSeesFailure()
    {
        await using var host = await StartAsync(
            r => r.AddOrchestrator<CatchFailure>().AddActivity<Fail>().AddOrchestrator<HelloSequence>().AddActivity<SayHello>(),
            settings: new Dictionary<string, string?> { ["extensions:durableTask:storageProvider:maxDequeueCount"] = "2" },
            wrapStore: inner => new FaultyStore(inner)
            {
                FailActivityCompletion = (item, result) => item.InstanceId == "stuck" && result.Failure?.ErrorType != "DeadLettered",
            });
        var result = await host.RunAsync(nameof(HelloSequence), "x", "stuck");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("dead-lettered", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(await host.Store.GetDeadLettersAsync(CancellationToken.None), d => d.Kind == "activity" && d.Name == nameof(SayHello));
    }

    [Fact]
    public async Task Activity_UnknownName_OrchestrationSeesClearFailure()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<HelloSequence>());
        var result = await host.RunAsync(nameof(HelloSequence), "x");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No activity named 'SayHello' is registered", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNew_InputDoesNotMatchOrchestratorType_FailsNamingTheType()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<FanOut>().AddActivity<Square>());
        var result = await host.RunAsync(nameof(FanOut), "not a number");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("could not be read as Int32", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNew_OversizedInput_IsRefusedAndNothingIsWritten()
    {
        await using var host = await StartAsync(
            r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(),
            settings: new Dictionary<string, string?> { ["extensions:durableTask:maxPayloadChars"] = "1000" });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), new string('x', 2000), new StartOrchestrationOptions { InstanceId = "big" }));
        Assert.Contains("maxPayloadChars", error.Message, StringComparison.Ordinal);
        Assert.Null(await host.Client.GetInstanceAsync("big"));
    }

    [Fact]
    public async Task History_IsAppendOnly_EpisodesOnlyAddEvents()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<WaitForever>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        var before = await host.Client.GetHistoryAsync(id);
        await host.Client.RaiseEventAsync(id, "Go", "v");
        await host.WaitAsync(id);
        var after = await host.Client.GetHistoryAsync(id);
        Assert.True(after.Count > before.Count);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Contains(after.Skip(before.Count), e => e.Type == HistoryEventType.EventRaised && e.Name == "Go");
    }

    [Fact]
    public async Task UnhandledEvents_AcceptedJustBeforeTheInstanceEnded_AreHandedToTheAppWhenTheyArrive()
    {
        var unhandled = new RecordingUnhandledEvents();
        var raced = 0;
        await using var host = await StartAsync(
            r => r.AddOrchestrator<WaitForever>(),
            wrapStore: inner => new FaultyStore(inner)
            {
                // A caller raises an event while the final checkpoint is on its way: it is accepted, then finds the instance ended.
                BeforeCheckpoint = async (store, checkpoint) =>
                {
                    if (checkpoint.Instance.Status == OrchestrationRuntimeStatus.Completed && Interlocked.Exchange(ref raced, 1) == 0)
                    {
                        var late = new HistoryEvent { Type = HistoryEventType.EventRaised, Timestamp = DateTime.UtcNow, Name = "Late", Data = "\"x\"" };
                        Assert.Equal(SendEventResult.Accepted, await store.SendMessageAsync(checkpoint.Instance.InstanceId, late, [], CancellationToken.None));
                    }
                },
            },
            unhandled: unhandled);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "Go", "done");
        await host.WaitAsync(id);
        Assert.Equal(new UnhandledEvent(id, nameof(WaitForever), "Late", "\"x\""), await unhandled.SingleAsync());
    }

    [Fact]
    public async Task UnhandledEvents_HandlerFailsOnce_TheWorkIsRetriedAndTheEventHandedOverAgain()
    {
        var unhandled = new FailingOnceUnhandledEvents();
        await using var host = await StartAsync(r => r.AddOrchestrator<WaitForever>(), unhandled: unhandled);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "x");
        await host.WaitForCustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "Note", "n");
        await host.Client.RaiseEventAsync(id, "Go", "done");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(id, seconds: 30)).RuntimeStatus);
        Assert.Equal(2, unhandled.Calls);
        Assert.Equal("Note", Assert.Single(unhandled.Received).EventName);
    }

    private sealed class FailingOnceUnhandledEvents : IUnhandledEventHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public System.Collections.Concurrent.ConcurrentQueue<UnhandledEvent> Received { get; } = new();

        public Task HandleAsync(UnhandledEvent unhandled, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new IOException("the app's store is briefly unavailable");
            }

            Received.Enqueue(unhandled);
            return Task.CompletedTask;
        }
    }
}
