using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>Runs on every store: each store derives it once (SQLite, Azurite).</summary>
public abstract class PayloadTests : StoreConformanceTests
{
    [Fact]
    public async Task Payload_MissingKey_IsNull_StoredKey_RoundTrips_DeletedKey_IsNull()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<HelloSequence>());
        Assert.Null(await host.Store.GetPayloadAsync("nope", CancellationToken.None));
        await host.Store.PutPayloadAsync(new StoredPayload("k", new byte[] { 1, 2, 3 }), CancellationToken.None);
        var stored = await host.Store.GetPayloadAsync("k", CancellationToken.None);
        Assert.Equal(new byte[] { 1, 2, 3 }, stored!.Value.ToArray());
        await host.Store.DeletePayloadAsync("k", CancellationToken.None);
        Assert.Null(await host.Store.GetPayloadAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task PayloadKeys_ByPrefix_ComeInOrdinalOrder_PageByPage_AndNothingElse()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<HelloSequence>());
        foreach (var key in new[] { "idx:a:3", "idx:b:1", "idx:a:1", "idx;a", "idx:a:\u00e9", "idx:a:2", "other", "idx:" })
        {
            await host.Store.PutPayloadAsync(new StoredPayload(key, new byte[] { 1 }), CancellationToken.None);
        }

        await host.Store.DeletePayloadAsync("idx:a:2", CancellationToken.None);
        var first = await host.Client.ListPayloadKeysAsync("idx:a:", pageSize: 2);
        Assert.Equal(["idx:a:1", "idx:a:3"], first);
        Assert.Equal(["idx:a:\u00e9"], await host.Client.ListPayloadKeysAsync("idx:a:", first[^1], 2));
        Assert.Empty(await host.Client.ListPayloadKeysAsync("idx:a:", "idx:a:\u00e9", 2));
        Assert.Equal(["idx:", "idx:a:1", "idx:a:3", "idx:a:\u00e9", "idx:b:1"], await host.Client.ListPayloadKeysAsync("idx:"));
        Assert.Empty(await host.Client.ListPayloadKeysAsync("nothing:"));
    }
}
