using DialNexa.DurableTask.Tests.Infrastructure;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>The conformance suite on InProcessTestHost's InMemoryOrchestrationService (with history kept, see <see cref="HistoryKeepingInMemoryService"/>).</summary>
public sealed class InMemoryConformanceTests(InMemoryConformanceTests.Provider provider)
    : OrchestrationServiceConformanceTests(provider), IClassFixture<InMemoryConformanceTests.Provider>
{
    public sealed class Provider : ConformanceProvider
    {
        protected override Task AddOrchestrationServiceAsync(IServiceCollection services)
        {
            var service = new HistoryKeepingInMemoryService(new InMemoryOrchestrationService());
            services.AddSingleton<IOrchestrationService>(service);
            services.AddSingleton<IOrchestrationServiceClient>(service);
            services.AddSingleton<IOrchestrationServiceQueryClient>(service);
            services.AddSingleton<IOrchestrationServicePurgeClient>(service);
            return Task.CompletedTask;
        }
    }
}
