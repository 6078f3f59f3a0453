using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>Many instances at once mixing sub-orchestrations, activities, events, timers and ContinueAsNew: every one ends right.</summary>
public sealed class MixedWorkloadTests
{
    private const int Instances = 120;

    private static void AddMixed(HubRegistry registry) => registry
        .Orchestration<int, string>("Mixed", async (context, round) =>
        {
            var doubled = await context.CallActivityAsync<int>("Double", context.InstanceId.Length);
            var child = await context.CallSubOrchestratorAsync<string>("MixedChild", doubled, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child:{round}" });
            string approval;
            try
            {
                approval = await context.WaitForExternalEvent<string>("Approve", TimeSpan.FromSeconds(60));
            }
            catch (TaskCanceledException)
            {
                approval = "timed out";
            }

            if (round == 0)
            {
                context.ContinueAsNew(1);
                return "continued";
            }

            return $"{child}/{approval}";
        })
        .Orchestration<int, string>("MixedChild", async (context, value) =>
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            return "child " + await context.CallActivityAsync<int>("Double", value);
        })
        .Activity<int, int>("Double", (_, value) => Task.FromResult(value * 2));

    [Fact]
    public async Task ManyInstances_MixingFeatures_EachEndsWithItsOwnResult()
    {
        await using var hub = await TestHub.StartAsync(AddMixed);
        var ids = Enumerable.Range(0, Instances).Select(i => $"mixed-{i:D3}").ToList();
        await Parallel.ForEachAsync(ids, async (id, _) => await hub.Client.CreateOrchestrationInstanceAsync("Mixed", "", id, 0));

        // Each generation waits for one approval: raise two, the second after the first generation moved on.
        await Parallel.ForEachAsync(ids, async (id, _) =>
        {
            await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = id }, "Approve", "first");
            await hub.WaitUntilAsync(id, s => s.Input == "1", seconds: 120);
            await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = id }, "Approve", "second");
        });
        var states = await Task.WhenAll(ids.Select(id => hub.WaitAsync(new OrchestrationInstance { InstanceId = id }, seconds: 120)));

        Assert.All(states, s => Assert.Equal(OrchestrationStatus.Completed, s.OrchestrationStatus));
        Assert.All(states, s => Assert.Equal($"\"child {s.OrchestrationInstance.InstanceId.Length * 4}/second\"", s.Output));
    }
}
