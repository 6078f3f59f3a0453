using DialNexa.Durable.Storage.AzureStorage;

namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>The REST clients against Azurite: signing, ETags, entity group transactions, queues.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageClientTests(AzuriteFixture azurite)
{
    [Fact]
    public void TableBatch_SpanningTwoPartitions_IsRefusedBeforeAnythingIsSent()
    {
        var batch = new TableBatch().Insert(new TableEntity("p1", "a"));
        var error = Assert.Throws<InvalidOperationException>(() => batch.Insert(new TableEntity("p2", "b")));
        Assert.Contains("one partition", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, batch.Count);
    }

    [Fact]
    public void TableBatch_MoreThanHundredOperations_IsRefused()
    {
        var batch = new TableBatch();
        for (var i = 0; i < TableBatch.MaxOperations; i++)
        {
            batch.Insert(new TableEntity("p", $"r{i}"));
        }

        Assert.Throws<InvalidOperationException>(() => batch.Insert(new TableEntity("p", "one-too-many")));
    }

    [Fact]
    public async Task ExecuteBatch_OneOperationFails_NothingIsAppliedAndTheFailingOperationIsNamed()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "taken").Set("V", "old"), CancellationToken.None);
        var batch = new TableBatch()
            .Insert(new TableEntity("p", "fresh").Set("V", "new"))
            .Insert(new TableEntity("p", "taken").Set("V", "new"));
        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.ExecuteBatchAsync(batch, CancellationToken.None));
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedOperation);
        Assert.Null(await table.GetAsync("p", "fresh", CancellationToken.None));
        Assert.Equal("old", (await table.GetAsync("p", "taken", CancellationToken.None))!.GetString("V"));
    }

    [Fact]
    public async Task ExecuteBatch_MixedOperationsInOnePartition_AllApplyWithTypedValues()
    {
        var table = await NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "m").Set("N", 1), CancellationToken.None);
        await table.InsertAsync(new TableEntity("p", "d"), CancellationToken.None);
        var when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var etags = await table.ExecuteBatchAsync(
            new TableBatch()
                .Insert(new TableEntity("p", "i").Set("S", "it's").Set("L", 9_007_199_254_740_993L).Set("W", when).Set("B", new byte[] { 1, 2, 3 }))
                .Replace(new TableEntity("p", "m").Set("N", 2), etag)
                .Delete("p", "d"),
            CancellationToken.None);
        Assert.Equal(3, etags.Count);
        var inserted = (await table.GetAsync("p", "i", CancellationToken.None))!;
        Assert.Equal("it's", inserted.GetString("S"));
        Assert.Equal(9_007_199_254_740_993L, inserted.GetInt64("L"));
        Assert.Equal(when, inserted.GetDateTime("W"));
        Assert.Equal(new byte[] { 1, 2, 3 }, inserted.GetBinary("B"));
        Assert.Equal(2, (await table.GetAsync("p", "m", CancellationToken.None))!.GetInt32("N"));
        Assert.Null(await table.GetAsync("p", "d", CancellationToken.None));
    }

    [Fact]
    public async Task Replace_WithStaleETag_IsPreconditionFailed()
    {
        var table = await NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r").Set("N", 1), CancellationToken.None);
        await table.ReplaceAsync(new TableEntity("p", "r").Set("N", 2), first, CancellationToken.None);
        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.ReplaceAsync(new TableEntity("p", "r").Set("N", 3), first, CancellationToken.None));
        Assert.True(error.IsPreconditionFailed);
        Assert.Equal(2, (await table.GetAsync("p", "r", CancellationToken.None))!.GetInt32("N"));
    }

    [Fact]
    public async Task QueryPage_FollowsContinuationTokensOverEveryRow()
    {
        var table = await NewTableAsync();
        for (var first = 0; first < 250; first += 100)
        {
            var batch = new TableBatch();
            for (var i = first; i < Math.Min(250, first + 100); i++)
            {
                batch.Insert(new TableEntity("p", $"r{i:D4}"));
            }

            await table.ExecuteBatchAsync(batch, CancellationToken.None);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var (page, next) = await table.QueryPageAsync("PartitionKey eq 'p'", 40, token, CancellationToken.None);
            Assert.True(page.Count <= 40);
            seen.AddRange(page.Select(e => e.RowKey));
            token = next;
        }
        while (token is not null);
        Assert.Equal(250, seen.Distinct().Count());
    }

    [Fact]
    public async Task Queue_PutGetUpdateDelete_HonoursVisibilityAndPopReceipts()
    {
        var pipeline = StoragePipeline.Build(azurite.Account, StorageService.Queue);
        var queue = new StorageQueue(pipeline, azurite.Account.QueueEndpoint, "q" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync(CancellationToken.None);
        await queue.PutAsync("héllo <&> \"x\"", TimeSpan.Zero, CancellationToken.None);
        await queue.PutAsync("later", TimeSpan.FromSeconds(30), CancellationToken.None);
        var taken = Assert.Single(await queue.GetAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal("héllo <&> \"x\"", taken.Text);
        Assert.Equal(1, taken.DequeueCount);
        Assert.Empty(await queue.GetAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));
        var released = await queue.UpdateVisibilityAsync(taken, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(released);
        Assert.False(await queue.DeleteAsync(taken, CancellationToken.None));
        var again = Assert.Single(await queue.GetAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(2, again.DequeueCount);
        Assert.True(await queue.DeleteAsync(again, CancellationToken.None));
        Assert.Equal(1, await queue.ApproximateCountAsync(CancellationToken.None));
        await queue.DeleteIfExistsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SharedKey_WrongKey_IsRefusedByTheService()
    {
        var wrong = azurite.Account with { SharedKey = new byte[64] };
        var table = new StorageTable(StoragePipeline.Build(wrong, StorageService.Table), wrong.TableEndpoint, "T" + Guid.NewGuid().ToString("N")[..12]);
        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.CreateIfNotExistsAsync(CancellationToken.None));
        Assert.Equal(403, error.Status);
    }

    private async Task<StorageTable> NewTableAsync()
    {
        var table = new StorageTable(StoragePipeline.Build(azurite.Account, StorageService.Table), azurite.Account.TableEndpoint, "T" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}
