using DialNexa.Durable;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>The Azure Storage store on the test run's Azurite, one hub name per test (so tests never see each other's data).</summary>
public sealed class AzuriteTestStore(AzuriteFixture azurite) : TestStore
{
    public override string NewLocation() => "T" + Guid.NewGuid().ToString("N")[..16];

    internal override IOrchestrationStore Open(IServiceProvider services, DurableTaskOptions options, string location) =>
        new AzureStorageOrchestrationStore(
            new AzureStorageStoreOptions
            {
                Account = azurite.Account,
                HubName = location,
                PartitionCount = 4,
                LeaseInterval = TimeSpan.FromSeconds(6),
                ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
                WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
            },
            services.GetService<ILogger<AzureStorageOrchestrationStore>>());
}
