using Azure.Core;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.AzureStorage;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.Tests.AzureStorage;

/// <summary>Functions-style settings onto DurableTask.AzureStorage's settings, and the start-up refusals that name the setting.</summary>
public sealed class AzureStorageSettingsTests
{
    [Fact]
    public void Create_HostJsonNames_MapOntoEveryAzureStorageSetting()
    {
        var options = Options(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["extensions:durableTask:hubName"] = "DialNexaHub",
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = "7",
            ["extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "9",
            ["extensions:durableTask:extendedSessionsEnabled"] = "true",
            ["extensions:durableTask:extendedSessionIdleTimeoutInSeconds"] = "45",
            ["extensions:durableTask:storageProvider:partitionCount"] = "8",
            ["extensions:durableTask:storageProvider:controlQueueBatchSize"] = "16",
            ["extensions:durableTask:storageProvider:controlQueueBufferThreshold"] = "128",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:02:00",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:03:00",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:05",
            ["extensions:durableTask:storageProvider:useTablePartitionManagement"] = "true",
            ["extensions:durableTask:storageProvider:leaseInterval"] = "00:00:20",
        });

        var settings = AzureStorageSettingsFactory.Create(options, NullLoggerFactory.Instance);

        Assert.Equal("DialNexaHub", settings.TaskHubName);
        Assert.Equal(7, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(9, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.ExtendedSessionIdleTimeout);
        Assert.Equal(8, settings.PartitionCount);
        Assert.Equal(16, settings.ControlQueueBatchSize);
        Assert.Equal(128, settings.ControlQueueBufferThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaxQueuePollingInterval);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.LeaseInterval);
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
        Assert.Equal("devstoreaccount1", settings.StorageAccountClientProvider!.Queue.CreateClient(new Azure.Storage.Queues.QueueClientOptions()).AccountName);
    }

    [Fact]
    public void Configure_FunctionsHostOverride_WinsOverHostJson()
    {
        var options = Options(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["extensions:durableTask:hubName"] = "FromHostJson",
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "FromAppSetting",
        });

        Assert.Equal("FromAppSetting", options.HubName);
    }

    [Fact]
    public void Create_AccountNameIdentity_UsesTheAccountsDefaultEndpointsWithACredential()
    {
        var options = Options(new() { ["AzureWebJobsStorage:accountName"] = "dialnexaprod", ["AzureWebJobsStorage:clientId"] = "client-1" });
        AzureStorageConnection? seen = null;

        var provider = AzureStorageSettingsFactory.CreateClientProvider(options.Connection!, c => { seen = c; return new FixedCredential(); });

        Assert.Equal("client-1", seen!.ClientId);
        Assert.Equal(new Uri("https://dialnexaprod.queue.core.windows.net/"), provider.Queue.CreateClient(new Azure.Storage.Queues.QueueClientOptions()).Uri);
        Assert.Equal(new Uri("https://dialnexaprod.table.core.windows.net/"), provider.Table.CreateClient(new Azure.Data.Tables.TableClientOptions()).Uri);
    }

    [Fact]
    public void Create_ServiceUris_UsesEachGivenEndpoint()
    {
        var options = Options(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://blobs.example.test/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.test/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.test/",
        });

        var provider = AzureStorageSettingsFactory.CreateClientProvider(options.Connection!, _ => new FixedCredential());

        Assert.Equal(new Uri("https://blobs.example.test/"), provider.Blob.CreateClient(new Azure.Storage.Blobs.BlobClientOptions()).Uri);
        Assert.Equal(new Uri("https://queues.example.test/"), provider.Queue.CreateClient(new Azure.Storage.Queues.QueueClientOptions()).Uri);
        Assert.Equal(new Uri("https://tables.example.test/"), provider.Table.CreateClient(new Azure.Data.Tables.TableClientOptions()).Uri);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1Hub")]
    [InlineData("Dial-Nexa")]
    [InlineData("ThisTaskHubNameIsFarTooLongForAzureStorageToAcceptIt")]
    public void Validate_InvalidHubName_NamesTheSetting(string hubName)
    {
        var failure = Failure(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["extensions:durableTask:hubName"] = hubName });

        Assert.Contains($"extensions:durableTask:hubName '{hubName}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoStorageConnection_NamesAzureWebJobsStorage()
    {
        var failure = Failure(new() { ["extensions:durableTask:hubName"] = "DialNexaHub" });

        Assert.Contains("AzureWebJobsStorage is not set", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extensions:durableTask:storageProvider:partitionCount", "17", "partitionCount must be between 1 and 16")]
    [InlineData("extensions:durableTask:storageProvider:partitionCount", "four", "partitionCount must be a whole number")]
    [InlineData("extensions:durableTask:storageProvider:controlQueueBatchSize", "33", "controlQueueBatchSize must be between 1 and 32")]
    [InlineData("extensions:durableTask:storageProvider:controlQueueVisibilityTimeout", "00:00:30", "controlQueueVisibilityTimeout must be between")]
    [InlineData("extensions:durableTask:storageProvider:maxQueuePollingInterval", "soon", "maxQueuePollingInterval must be a time span")]
    [InlineData("extensions:durableTask:maxConcurrentActivityFunctions", "0", "maxConcurrentActivityFunctions must be at least 1")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "not a uri", "AzureWebJobsStorage__queueServiceUri must be an absolute")]
    public void Validate_BadValue_NamesTheSetting(string key, string value, string expected)
    {
        var failure = Failure(new() { ["AzureWebJobsStorage"] = key.StartsWith("AzureWebJobsStorage:", StringComparison.Ordinal) ? null : "UseDevelopmentStorage=true", [key] = value });

        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAzureStorageOrchestrationService_BadSettings_StopTheHostAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["extensions:durableTask:hubName"] = "x",
        }).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings());
        builder.Services.AddAzureStorageOrchestrationService(configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("extensions:durableTask:hubName", error.Message, StringComparison.Ordinal);
    }

    private static AzureStorageDurableTaskOptions Options(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddAzureStorageOrchestrationService(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AzureStorageDurableTaskOptions>>().Value;
    }

    private static string Failure(Dictionary<string, string?> values)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(values));
        return error.Message;
    }

    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
