using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class SubOrchestrationTests
{
    private static void AddFamily(HubRegistry registry) => registry
        .Orchestration<string, string>("Parent", async (context, mode) =>
        {
            try
            {
                var child = await context.CallSubOrchestratorAsync<string>("Child", mode, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" });
                return "child said " + child;
            }
            catch (TaskFailedException ex)
            {
                return "child failed: " + ex.FailureDetails.ErrorMessage;
            }
        })
        .Orchestration<string, string>("Child", async (context, mode) =>
        {
            var greeting = await context.CallActivityAsync<string>("Greet", context.InstanceId);
            return mode == "fail" ? throw new InvalidOperationException("the child gave up") : greeting;
        })
        .Activity<string, string>("Greet", (_, name) => Task.FromResult<string?>("hi from " + name));

    [Fact]
    public async Task CallSubOrchestrator_ChildCompletes_ParentGetsItsResult()
    {
        await using var hub = await TestHub.StartAsync(AddFamily);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Parent", "", "family-1", "ok");

        var state = await hub.WaitAsync(instance);
        var child = await hub.StateAsync("family-1:child");

        Assert.Equal("\"child said hi from family-1:child\"", state.Output);
        Assert.Equal(OrchestrationStatus.Completed, child.OrchestrationStatus);
        Assert.Equal("family-1", child.ParentInstance?.OrchestrationInstance.InstanceId);
    }

    [Fact]
    public async Task CallSubOrchestrator_ChildFails_ParentSeesTheChildsFailure()
    {
        await using var hub = await TestHub.StartAsync(AddFamily);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("Parent", "", "family-2", "fail");

        var state = await hub.WaitAsync(instance);
        var child = await hub.StateAsync("family-2:child");

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Contains("the child gave up", state.Output, StringComparison.Ordinal);
        Assert.Equal(OrchestrationStatus.Failed, child.OrchestrationStatus);
    }

    [Fact]
    public async Task CallSubOrchestrator_ChildIdAlreadyRunning_ParentSeesTheStartFail()
    {
        await using var hub = await TestHub.StartAsync(r =>
        {
            AddFamily(r);
            r.Orchestration<string, string>("Blocker", async (context, _) => await context.WaitForExternalEvent<string>("Never"));
        });
        await hub.Client.CreateOrchestrationInstanceAsync("Blocker", "", "family-3:child", "x");
        await hub.WaitUntilAsync("family-3:child", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var state = await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync("Parent", "", "family-3", "ok"));

        Assert.Contains("already exists", state.Output, StringComparison.Ordinal);
        Assert.Equal("Blocker", (await hub.StateAsync("family-3:child")).Name);
    }
}
