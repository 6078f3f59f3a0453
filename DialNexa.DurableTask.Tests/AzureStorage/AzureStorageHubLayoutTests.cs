using DialNexa.TestSupport;
using DialNexa.DurableTask.Tests.Conformance;
using DialNexa.DurableTask.Tests.Infrastructure;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;

namespace DialNexa.DurableTask.Tests.AzureStorage;

/// <summary>
/// A hub the self-host writes on Azurite is the layout Durable Functions reads: DurableTask.AzureStorage's own client,
/// constructed independently of the self-host, lists and reads its instances.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageHubLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SelfHostWrittenHub_ReadByDurableTaskAzureStoragesOwnClient_ListsEveryInstance()
    {
        const string hub = "LayoutHub";
        var ids = new List<string>();
        using (var host = await AzuriteSelfHost.StartAsync(azurite.ConnectionString, hub))
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(ConformanceOrchestrations.HelloSequence), null, new StartOrchestrationOptions($"layout-{i}")));
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            foreach (var id in ids)
            {
                await client.WaitForInstanceCompletionAsync(id, patience.Token);
            }

            await host.StopAsync();
        }

        using var independent = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
        });
        var query = (IOrchestrationServiceQueryClient)independent;
        var listed = await query.GetOrchestrationWithQueryAsync(new CoreOrchestrationQuery { PageSize = 100, FetchInputsAndOutputs = true }, CancellationToken.None);
        var history = await ((IOrchestrationServiceClient)independent).GetOrchestrationHistoryAsync("layout-0", executionId: null!);

        Assert.Equal(ids, listed.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(listed.OrchestrationState, s =>
        {
            Assert.Equal(OrchestrationStatus.Completed, s.OrchestrationStatus);
            Assert.Equal(nameof(ConformanceOrchestrations.HelloSequence), s.Name);
            Assert.Equal("[\"Hello Tokyo!\",\"Hello Seattle!\",\"Hello London!\"]", s.Output);
        });
        Assert.Contains("\"Name\":\"SayHello\"", history, StringComparison.Ordinal);
    }
}
