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
}
