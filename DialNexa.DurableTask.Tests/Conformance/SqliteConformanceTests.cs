using DialNexa.DurableTask.Sqlite;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>The conformance suite on the embedded SQLite orchestration service (synchronous=FULL, a file in a temp folder).</summary>
public sealed class SqliteConformanceTests(SqliteConformanceTests.Provider provider)
    : OrchestrationServiceConformanceTests(provider), IClassFixture<SqliteConformanceTests.Provider>
{
    public sealed class Provider : ConformanceProvider
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "dialnexa-conformance-sqlite", Guid.NewGuid().ToString("N"));
        private SqliteOrchestrationService? _service;

        protected override Task AddOrchestrationServiceAsync(IServiceCollection services)
        {
            _service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DataDirectory = _directory, TaskHubName = "ConformanceHub" });
            services.AddSingleton<IOrchestrationService>(_service);
            services.AddSingleton<IOrchestrationServiceClient>(_service);
            services.AddSingleton<IOrchestrationServiceQueryClient>(_service);
            services.AddSingleton<IOrchestrationServicePurgeClient>(_service);
            return Task.CompletedTask;
        }

        protected override async Task DisposeProviderAsync()
        {
            if (_service is not null)
            {
                await _service.DisposeAsync();
            }

            Directory.Delete(_directory, recursive: true);
        }
    }
}
