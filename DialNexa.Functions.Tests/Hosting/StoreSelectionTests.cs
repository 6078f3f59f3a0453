using System.Net;
using System.Net.Http.Json;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;
using DialNexa.Durable.Storage.Sqlite;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Tests.Durable.AzureStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>AzureWebJobsStorage picks the store as the Functions host does.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoreSelectionTests(AzuriteFixture azurite)
{
    private const string Key = "c2VjcmV0LWtleS1ub3QtdG8tYmUtc2hvd24tYW55d2hlcmU=";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("embedded")]
    [InlineData(" Embedded ")]
    public async Task AzureWebJobsStorage_UnsetOrEmbedded_SelectsTheEmbeddedStore(string? value)
    {
        await using var app = Build(value is null ? [] : [$"--AzureWebJobsStorage={value}"]);
        Assert.IsType<SqliteOrchestrationStore>(app.Services.GetRequiredService<IOrchestrationStore>());
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=dialnexa;AccountKey=" + Key + ";EndpointSuffix=core.windows.net")]
    public async Task AzureWebJobsStorage_ConnectionString_SelectsAzureStorage(string value)
    {
        await using var app = Build([$"--AzureWebJobsStorage={value}"]);
        Assert.IsType<AzureStorageOrchestrationStore>(app.Services.GetRequiredService<IOrchestrationStore>());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task StorageProviderLocalActivities_ReachesTheAzureStore(string? value, bool expected)
    {
        string[] local = value is null ? [] : [$"--extensions:durableTask:storageProvider:localActivities={value}"];
        await using var app = Build(["--AzureWebJobsStorage=UseDevelopmentStorage=true", .. local]);
        var store = Assert.IsType<AzureStorageOrchestrationStore>(app.Services.GetRequiredService<IOrchestrationStore>());
        Assert.Equal(expected, store.Options.LocalActivities);
    }

    [Fact]
    public async Task AzureWebJobsStorageAccountName_IdentityBased_SelectsAzureStorageWithoutAskingForATokenYet()
    {
        await using var app = Build(["--AzureWebJobsStorage:accountName=dialnexa"]);
        Assert.IsType<AzureStorageOrchestrationStore>(app.Services.GetRequiredService<IOrchestrationStore>());
    }

    [Theory]
    [InlineData("AccountName=dialnexa", "AccountKey")]
    [InlineData("AccountName=dialnexa;AccountKey=***", "base64")]
    public void AzureWebJobsStorage_BadConnectionString_StopsTheHostNamingTheSetting(string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionAppHost.Build(["--urls=http://127.0.0.1:0", $"--AzureWebJobsStorage={value}"]));
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("embedded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_OnAzuriteConnectionString_RunsAnOrchestrationEndToEnd()
    {
        var hub = "T" + Guid.NewGuid().ToString("N")[..16];
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
        });
        Assert.IsType<AzureStorageOrchestrationStore>(app.Services.GetRequiredService<IOrchestrationStore>());
        var start = await app.Http.PostAsync("/runtime/webhooks/durabletask/orchestrators/BenchHelloSequence/azure-1", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var done = await ManagementApiTests.PollUntilDoneAsync(app.Http, "/runtime/webhooks/durabletask/instances/azure-1", seconds: 30);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        var table = new StorageTable(StoragePipeline.Build(azurite.Account, StorageService.Table), azurite.Account.TableEndpoint, hub + "Instances");
        Assert.NotNull(await table.GetAsync("azure-1", "i", CancellationToken.None));
    }

    private static WebApplication Build(string[] settings) =>
        FunctionAppHost.Build(["--urls=http://127.0.0.1:0", $"--DialNexa:DataDirectory={Path.Combine(Path.GetTempPath(), "dialnexa-select-tests", Guid.NewGuid().ToString("N"))}", .. settings]);
}
