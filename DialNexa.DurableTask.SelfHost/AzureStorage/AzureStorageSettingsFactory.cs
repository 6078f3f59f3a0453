using Azure.Core;
using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.SelfHost.AzureStorage;

/// <summary>Builds DurableTask.AzureStorage's settings from <see cref="AzureStorageDurableTaskOptions"/>, as Durable Functions does.</summary>
internal static class AzureStorageSettingsFactory
{
    public static AzureStorageOrchestrationServiceSettings Create(AzureStorageDurableTaskOptions options, ILoggerFactory loggerFactory, Func<AzureStorageConnection, TokenCredential>? credentialFactory = null)
    {
        var connection = options.Connection ?? throw new InvalidOperationException("AzureWebJobsStorage is not set.");
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = CreateClientProvider(connection, credentialFactory ?? CreateCredential),
            PartitionCount = options.PartitionCount,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Math.Max(options.ExtendedSessionIdleTimeoutInSeconds, 0)),
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LeaseInterval = options.LeaseInterval,
            FetchLargeMessageDataEnabled = options.FetchLargeMessagesAutomatically,
            UseTablePartitionManagement = options.UseTablePartitionManagement,
            UseLegacyPartitionManagement = options.UseLegacyPartitionManagement,
            AllowReplayingTerminalInstances = options.AllowReplayingTerminalInstances,
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,

            // Partition leases are owned by worker ID; the default (the machine name) would make several hosts on one
            // machine (or containers sharing a host name) one owner, and a killed one's partitions would never move.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
        };
    }

    internal static StorageAccountClientProvider CreateClientProvider(AzureStorageConnection connection, Func<AzureStorageConnection, TokenCredential> credentialFactory)
    {
        if (!connection.UsesIdentity)
        {
            return new StorageAccountClientProvider(connection.ConnectionString!);
        }

        var credential = credentialFactory(connection);
        if (connection.BlobServiceUri is not null && connection.QueueServiceUri is not null && connection.TableServiceUri is not null)
        {
            return new StorageAccountClientProvider(connection.BlobServiceUri, connection.QueueServiceUri, connection.TableServiceUri, credential);
        }

        return new StorageAccountClientProvider(connection.AccountName!, credential);
    }

    private static TokenCredential CreateCredential(AzureStorageConnection connection) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = connection.ClientId });
}
