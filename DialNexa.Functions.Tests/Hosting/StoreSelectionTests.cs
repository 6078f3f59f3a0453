using System.Net;
using Azure.Data.Tables;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.AzureStorage;
using DialNexa.Functions.AppData.Sqlite;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using DialNexa.TestSupport;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>AzureWebJobsStorage picks the orchestration service and the app data store as the Functions host does.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoreSelectionTests(AzuriteFixture azurite)
{
    /// <summary>Off Azurite the key ring's blob must be wrapped by a Key Vault key; building the app asks Key Vault nothing yet.</summary>
    private const string KeyVaultKey = "--DialNexa:DataProtection:KeyVaultKeyUri=https://dialnexa-kv.vault.azure.net/keys/keyring";

    private const string Key = "c2VjcmV0LWtleS1ub3QtdG8tYmUtc2hvd24tYW55d2hlcmU=";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("embedded")]
    [InlineData(" Embedded ")]
    public async Task AzureWebJobsStorage_UnsetOrEmbedded_SelectsTheEmbeddedStores(string? value)
    {
        await using var app = Build(value is null ? [] : [$"--AzureWebJobsStorage={value}"]);
        Assert.IsType<SqliteOrchestrationService>(app.Services.GetRequiredService<IOrchestrationService>());
        Assert.IsType<SqliteAppDataStore>(app.Services.GetRequiredService<IAppDataStore>());
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=dialnexa;AccountKey=" + Key + ";EndpointSuffix=core.windows.net")]
    public async Task AzureWebJobsStorage_ConnectionString_SelectsDurableTaskAzureStorageAndAzureTables(string value)
    {
        await using var app = Build([$"--AzureWebJobsStorage={value}", KeyVaultKey]);
        Assert.IsType<AzureStorageOrchestrationService>(app.Services.GetRequiredService<IOrchestrationService>());
        Assert.IsType<AzureAppDataStore>(app.Services.GetRequiredService<IAppDataStore>());
    }

    [Fact]
    public async Task AzureWebJobsStorageAccountName_IdentityBased_SelectsAzureStorageWithoutAskingForATokenYet()
    {
        await using var app = Build(["--AzureWebJobsStorage:accountName=dialnexa", KeyVaultKey]);
        Assert.IsType<AzureStorageOrchestrationService>(app.Services.GetRequiredService<IOrchestrationService>());
        Assert.IsType<AzureAppDataStore>(app.Services.GetRequiredService<IAppDataStore>());
    }

    [Fact]
    public async Task App_OnAzurite_RunsACallEndToEnd_WithItsHubAndAppDataInTheAccount()
    {
        var hub = "T" + Guid.NewGuid().ToString("N")[..16];
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
        });
        var hangup = WebhookSender.Sample("call_ended.hangup.json");
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup))).StatusCode);

        var done = await Handoff.HandoffTestApp.WaitForCompletionAsync(app.Http, "call_0be1d77a02");

        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        var tables = new TableServiceClient(azurite.ConnectionString);
        Assert.NotNull(await tables.GetTableClient(hub + "Instances").GetEntityIfExistsAsync<TableEntity>("call_0be1d77a02", ""));
        Assert.NotEmpty(tables.GetTableClient(hub + "AppData").Query<TableEntity>(e => e.PartitionKey == "call_0be1d77a02"));
    }

    private static WebApplication Build(string[] settings) =>
        FunctionAppHost.Build(["--urls=http://127.0.0.1:0", $"--DialNexa:DataDirectory={Path.Combine(Path.GetTempPath(), "dialnexa-select-tests", Guid.NewGuid().ToString("N"))}", .. settings]);
}
