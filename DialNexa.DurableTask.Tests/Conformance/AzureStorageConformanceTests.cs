using DialNexa.TestSupport;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>The conformance suite on DurableTask.AzureStorage over Azurite, configured as the app configures it.</summary>
public sealed class AzureStorageConformanceTests(AzureStorageConformanceTests.Provider provider)
    : OrchestrationServiceConformanceTests(provider), IClassFixture<AzureStorageConformanceTests.Provider>
{
    public sealed class Provider : ConformanceProvider
    {
        private AzuriteProcess? _azurite;

        public override bool KeepsEventsRaisedBeforeScheduledStart => false;

        public override TimeSpan ScheduledStartPrecision => TimeSpan.FromSeconds(1);

        protected override async Task AddOrchestrationServiceAsync(IServiceCollection services)
        {
            _azurite = await AzuriteProcess.StartAsync();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["extensions:durableTask:hubName"] = "ConformanceHub",
                ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            }).Build();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddAzureStorageOrchestrationService(configuration);
        }

        protected override async Task DisposeProviderAsync()
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        }
    }
}
