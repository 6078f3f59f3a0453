using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// The embedded store runs orchestrations under its own limit (its work items are mostly extended sessions), while
/// host.json's maxConcurrentOrchestratorFunctions still applies to Azure Storage as on the Functions host.
/// </summary>
public sealed class OrchestrationConcurrencyTests
{
    [Fact]
    public async Task EmbeddedStore_Defaults_ProviderKeepsItsOwnLimitInsteadOfHostJsons()
    {
        await using var app = Build([]);
        Assert.Equal(DurableHostingExtensions.DefaultEmbeddedOrchestrationWorkItems, app.Services.GetRequiredService<SqliteOrchestrationService>().MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Null(app.Services.GetRequiredService<IOptions<DurableTaskSelfHostOptions>>().Value.MaxConcurrentOrchestratorFunctions);
    }

    [Fact]
    public async Task EmbeddedStore_StorageProviderSetting_SetsTheLimit()
    {
        await using var app = Build(["--extensions:durableTask:storageProvider:maxConcurrentOrchestrationWorkItems=64"]);
        Assert.Equal(64, app.Services.GetRequiredService<SqliteOrchestrationService>().MaxConcurrentTaskOrchestrationWorkItems);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("0")]
    [InlineData("20000")]
    public void EmbeddedStore_BadStorageProviderSetting_StopsTheHostNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build([$"--extensions:durableTask:storageProvider:maxConcurrentOrchestrationWorkItems={value}"]));
        Assert.Contains("extensions__durableTask__storageProvider__maxConcurrentOrchestrationWorkItems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureStorage_HostJsonOrchestratorLimit_StillApplies()
    {
        await using var app = Build(["--AzureWebJobsStorage=UseDevelopmentStorage=true", "--extensions:durableTask:maxConcurrentOrchestratorFunctions=30"]);
        Assert.Equal(30, app.Services.GetRequiredService<IOptions<DurableTaskSelfHostOptions>>().Value.MaxConcurrentOrchestratorFunctions);
    }

    private static WebApplication Build(string[] settings) =>
        FunctionAppHost.Build(["--urls=http://127.0.0.1:0", $"--DialNexa:DataDirectory={Path.Combine(Path.GetTempPath(), "dialnexa-concurrency-tests", Guid.NewGuid().ToString("N"))}", .. settings]);
}
