using Azure.Data.Tables;
using DialNexa.DurableTask.Tests.Conformance;
using DialNexa.DurableTask.Tests.Infrastructure;
using DialNexa.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DialNexa.DurableTask.Tests.AzureStorage;

/// <summary>
/// DurableTask.AzureStorage writes an episode's history before the instance's row. A host that dies between the two
/// leaves the row behind: a started instance's row at Pending, which later episodes do not correct until the instance
/// ends (the three-host kill test met it: a call waiting for approval read as not yet started, so nobody approved it),
/// or a completed instance's row at Running. The self-host's client reads such rows' status from the history.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LaggingInstanceRowTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartedInstanceWhoseRowStillSaysPending_ReadsAsRunning_AndTakesItsEvent()
    {
        var hub = "Unrecorded" + Guid.NewGuid().ToString("N")[..8];
        using var host = await StartHostAsync(hub);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        const string instanceId = "started-row-pending";
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ConformanceOrchestrations.WaitForEvent), "Go", new StartOrchestrationOptions(instanceId));
        await WaitUntilRowSaysAsync(hub, instanceId, "Running");

        // What a host killed after the history commit and before the row update leaves behind.
        await SetRowStatusAsync(hub, instanceId, "Pending");
        Assert.Equal("Pending", await RowStatusAsync(hub, instanceId));

        var read = await client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, read!.RuntimeStatus);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = await client.WaitForInstanceStartAsync(instanceId, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);

        await client.RaiseEventAsync(instanceId, "Go", "approved");
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("\"approved\"", done.SerializedOutput);
        Assert.Equal("Completed", await RowStatusAsync(hub, instanceId));
        await host.StopAsync();
    }

    [Fact]
    public async Task CompletedInstanceWhoseRowStillSaysRunning_ReadsAsCompleted_WithItsOutput()
    {
        var hub = "Unended" + Guid.NewGuid().ToString("N")[..8];
        using var host = await StartHostAsync(hub);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        const string instanceId = "completed-row-running";
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ConformanceOrchestrations.WaitForEvent), "Go", new StartOrchestrationOptions(instanceId));
        await WaitUntilRowSaysAsync(hub, instanceId, "Running");
        await client.RaiseEventAsync(instanceId, "Go", "approved");
        await WaitUntilRowSaysAsync(hub, instanceId, "Completed");

        // What a host killed after the last episode's history and before its row update leaves behind.
        await Instances(hub).UpdateEntityAsync(
            new TableEntity(instanceId, string.Empty)
            {
                ["RuntimeStatus"] = "Running",
                ["Output"] = null,
                ["CompletedTime"] = null,
                ["LastUpdatedTime"] = DateTime.UtcNow.AddMinutes(-5),
            },
            Azure.ETag.All,
            TableUpdateMode.Merge);

        var read = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, read!.RuntimeStatus);
        Assert.Equal("\"approved\"", read.SerializedOutput);
        await host.StopAsync();
    }

    [Fact]
    public async Task InstanceThatHasNotStarted_StaysPending()
    {
        var hub = "NotStarted" + Guid.NewGuid().ToString("N")[..8];
        using var host = await StartHostAsync(hub);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        const string instanceId = "scheduled-later";
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ConformanceOrchestrations.WaitForEvent),
            "Go",
            new StartOrchestrationOptions(instanceId, DateTimeOffset.UtcNow.AddMinutes(10)));

        var read = await client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, read!.RuntimeStatus);
        await client.TerminateInstanceAsync(instanceId);
        await host.StopAsync();
    }

    private Task<IHost> StartHostAsync(string hub) =>
        AzuriteSelfHost.StartAsync(azurite.ConnectionString, hub, new Dictionary<string, string?>
        {
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });

    private TableClient Instances(string hub) => new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Instances");

    private async Task<string?> RowStatusAsync(string hub, string instanceId)
    {
        var row = await Instances(hub).GetEntityAsync<TableEntity>(instanceId, string.Empty);
        return row.Value.GetString("RuntimeStatus");
    }

    private async Task SetRowStatusAsync(string hub, string instanceId, string status) =>
        await Instances(hub).UpdateEntityAsync(new TableEntity(instanceId, string.Empty) { ["RuntimeStatus"] = status }, Azure.ETag.All, TableUpdateMode.Merge);

    private async Task WaitUntilRowSaysAsync(string hub, string instanceId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await RowStatusAsync(hub, instanceId) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The row of {instanceId} did not reach {status} within 60 s.");
            await Task.Delay(100);
        }
    }
}
