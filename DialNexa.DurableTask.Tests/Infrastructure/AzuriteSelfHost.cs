using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Tests.Conformance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.Tests.Infrastructure;

/// <summary>A started self-host running the conformance orchestrations on DurableTask.AzureStorage over Azurite.</summary>
internal static class AzuriteSelfHost
{
    public static async Task<IHost> StartAsync(string connectionString, string hub, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["extensions:durableTask:hubName"] = hub,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IConfiguration>(configuration);
        builder.Services.AddAzureStorageOrchestrationService(configuration);
        builder.Services.AddDurableTaskSelfHost(ConformanceOrchestrations.Register);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
