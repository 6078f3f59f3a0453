using DialNexa.TestSupport;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.AzureStorage;
using DialNexa.Functions.Tests.Support;

namespace DialNexa.Functions.Tests.AppData;

/// <summary>The app data contract on Azure Tables and Blobs, through the real Azure SDKs against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureAppDataStoreTests(AzuriteFixture azurite) : AppDataStoreConformanceTests
{
    private readonly string _hub = "t" + Guid.NewGuid().ToString("N")[..12];

    protected override Task<IAppDataStore> OpenAsync() => Task.FromResult<IAppDataStore>(new AzureAppDataStore(
        new TableServiceClient(azurite.ConnectionString).GetTableClient(_hub + "AppData"),
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_hub + "-appdata")));

    [Fact]
    public async Task ABigValue_LivesInABlob_AndErasingTheScopeDeletesTheBlob()
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_hub + "-appdata");
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.InboxBody, "call_blob", "h1"), new byte[AzureAppDataStore.InlineLimit + 1], CancellationToken.None);
        Assert.Single(await BlobNamesAsync(blobs));

        await Store.DeleteScopeAsync(AppDataKinds.InboxBody, "call_blob", CancellationToken.None);

        Assert.Empty(await BlobNamesAsync(blobs));
    }

    private static async Task<List<string>> BlobNamesAsync(BlobContainerClient blobs)
    {
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
