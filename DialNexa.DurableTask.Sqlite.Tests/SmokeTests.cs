using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task HelloSequence_RunsToCompletion_WithEachActivityResultInOrder()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddHelloSequence());
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(HelloSequence.Orchestration, "", "hello-1", "x");

        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"Hello Tokyo;Hello Seattle;Hello London;Hello Lagos;Hello Lima;\"", state.Output);
    }
}
