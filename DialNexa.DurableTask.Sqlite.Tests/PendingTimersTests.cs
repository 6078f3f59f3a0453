using DialNexa.DurableTask.Sqlite.Dispatch;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>The timer heap with each instance's timers at hand: withdrawn timers never fire, and do not pile up.</summary>
public sealed class PendingTimersTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TakeDue_AfterAnExecutionsTimersAreWithdrawn_ReturnsOnlyTheOthers_EarliestFirst()
    {
        var timers = new PendingTimers();
        var ended = Timer(1, "a", "exec-1", Now.AddSeconds(1));
        var otherExecution = Timer(2, "a", "exec-2", Now.AddSeconds(2));
        var otherInstance = Timer(3, "b", "exec-1", Now.AddSeconds(3));
        Assert.True(timers.Add(otherInstance));
        Assert.True(timers.Add(otherExecution));
        Assert.True(timers.Add(ended));

        timers.Withdraw(timers.OfExecution("a", "exec-1"));

        Assert.Equal(2, timers.Count);
        Assert.Null(timers.TakeDue(Now, TimeSpan.FromSeconds(10), out var wait));
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.Same(otherExecution, timers.TakeDue(Now.AddMinutes(1), TimeSpan.FromSeconds(10), out _));
        Assert.Same(otherInstance, timers.TakeDue(Now.AddMinutes(1), TimeSpan.FromSeconds(10), out _));
        Assert.Null(timers.TakeDue(Now.AddMinutes(1), TimeSpan.FromSeconds(10), out _));
        Assert.Equal(0, timers.Count);
    }

    [Fact]
    public void Withdraw_ATimerAlreadyHandedToItsInstance_LeavesIt()
    {
        var timers = new PendingTimers();
        var fired = Timer(1, "a", "exec-1", Now);
        timers.Add(fired);
        var taken = timers.TakeDue(Now, TimeSpan.FromSeconds(1), out _);
        taken!.Delivered = true;

        timers.Withdraw([fired]);

        Assert.False(fired.Withdrawn);
        Assert.Empty(timers.OfExecution("a", "exec-1"));
    }

    [Fact]
    public void Withdraw_MostOfAManyThousandHeap_StillFiresTheRestInOrder()
    {
        var timers = new PendingTimers();
        var all = Enumerable.Range(1, 3_000).Select(i => Timer(i, $"call-{i}", "exec", Now.AddHours(12).AddSeconds(i))).ToList();
        foreach (var timer in all)
        {
            timers.Add(timer);
        }

        foreach (var timer in all.Take(2_000))
        {
            timers.Withdraw(timers.OfExecution(timer.InstanceId, "exec"));
        }

        Assert.Equal(1_000, timers.Count);
        var fired = new List<QueuedMessage>();
        while (timers.TakeDue(Now.AddDays(1), TimeSpan.FromSeconds(1), out _) is { } next)
        {
            fired.Add(next);
        }

        Assert.Equal(all.Skip(2_000), fired);
    }

    private static QueuedMessage Timer(long id, string instanceId, string executionId, DateTime fireAt) => new(
        id,
        new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = executionId },
            Event = new TimerFiredEvent(-1, fireAt) { TimerId = 0 },
        },
        fireAt,
        0);
}
