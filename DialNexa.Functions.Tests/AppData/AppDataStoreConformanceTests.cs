using System.Text;
using DialNexa.Functions.AppData;

namespace DialNexa.Functions.Tests.AppData;

/// <summary>What every app data store must do, run once per store (SQLite, Azure Tables and Blobs on Azurite).</summary>
public abstract class AppDataStoreConformanceTests : IAsyncLifetime
{
    private IAppDataStore? _store;

    protected IAppDataStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>A new, empty store of the kind under test.</summary>
    protected abstract Task<IAppDataStore> OpenAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task Put_ThenGet_ReadsTheValueBack_AndAMissingKeyReadsNull()
    {
        var key = AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_1", "h1");
        await Store.PutAsync(key, Bytes("one"), CancellationToken.None);
        await Store.PutAsync(key, Bytes("two"), CancellationToken.None);

        Assert.Equal("two", Text(await Store.GetAsync(key, CancellationToken.None)));
        Assert.Null(await Store.GetAsync(AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_1", "h2"), CancellationToken.None));
    }

    [Fact]
    public async Task ListScopes_FindsEveryCallHoldingTheItem_PageByPage_AndNoOther()
    {
        foreach (var call in new[] { "call_b", "call_a", "call_a:x", "call_c/odd", "call_d" })
        {
            await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.InboxLedger, call, "ledger"), Bytes(call), CancellationToken.None);
        }

        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_e", "other"), Bytes("e"), CancellationToken.None);
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.InboxBody, "call_f", "ledger"), Bytes("f"), CancellationToken.None);

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.ListScopesAsync(AppDataKinds.InboxLedger, "ledger", after, 2, CancellationToken.None);
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(["call_a", "call_a:x", "call_b", "call_c/odd", "call_d"], seen.Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task TryAdd_ClaimsAKeyOnce_AndLeavesTheFirstValue()
    {
        var key = AppDataKey.ForCall(AppDataKinds.ActionClaim, "call_1", "slack:x");

        Assert.True(await Store.TryAddAsync(key, Bytes("first"), CancellationToken.None));
        Assert.False(await Store.TryAddAsync(key, Bytes("second"), CancellationToken.None));
        Assert.Equal("first", Text(await Store.GetAsync(key, CancellationToken.None)));
    }

    [Fact]
    public async Task TryAddWithPuts_OnANewKey_StoresAllThree_OnAnExistingOne_OnlyThePutBefore()
    {
        var ledger = AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_1", "ledger");
        var body = AppDataKey.ForCall(AppDataKinds.InboxBody, "call_1", "h1");
        var open = AppDataKey.InIndex(AppDataKinds.InboxOpen, "call_1");

        Assert.True(await Store.TryAddAsync(ledger, Bytes("first"), new AppDataWrite(body, Bytes("body 1")), new AppDataWrite(open, Bytes("open 1")), CancellationToken.None));
        Assert.Equal(("first", "body 1", "open 1"), (Text(await Store.GetAsync(ledger, CancellationToken.None)), Text(await Store.GetAsync(body, CancellationToken.None)), Text(await Store.GetAsync(open, CancellationToken.None))));

        var secondBody = AppDataKey.ForCall(AppDataKinds.InboxBody, "call_1", "h2");
        Assert.False(await Store.TryAddAsync(ledger, Bytes("second"), new AppDataWrite(secondBody, Bytes("body 2")), new AppDataWrite(open, Bytes("open 2")), CancellationToken.None));
        Assert.Equal(("first", "body 2", "open 1"), (Text(await Store.GetAsync(ledger, CancellationToken.None)), Text(await Store.GetAsync(secondBody, CancellationToken.None)), Text(await Store.GetAsync(open, CancellationToken.None))));
    }

    [Fact]
    public async Task TryReplace_SucceedsOnTheVersionRead_AndFailsOnAStaleOne()
    {
        var key = AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_1", "ledger");
        await Store.PutAsync(key, Bytes("v1"), CancellationToken.None);
        var read = await Store.GetVersionedAsync(key, CancellationToken.None);

        Assert.True(await Store.TryReplaceAsync(key, Bytes("v2"), read!.Version, CancellationToken.None));
        Assert.False(await Store.TryReplaceAsync(key, Bytes("v3"), read.Version, CancellationToken.None));
        Assert.Equal("v2", Text(await Store.GetAsync(key, CancellationToken.None)));
        Assert.False(await Store.TryReplaceAsync(AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_2", "ledger"), Bytes("x"), read.Version, CancellationToken.None));
    }

    [Fact]
    public async Task TryReplace_TwoWritersOnOneVersion_OnlyOneWins()
    {
        var key = AppDataKey.ForCall(AppDataKinds.InboxLedger, "call_race", "ledger");
        await Store.PutAsync(key, Bytes("v1"), CancellationToken.None);
        var read = await Store.GetVersionedAsync(key, CancellationToken.None);

        var results = await Task.WhenAll(
            Store.TryReplaceAsync(key, Bytes("a"), read!.Version, CancellationToken.None),
            Store.TryReplaceAsync(key, Bytes("b"), read.Version, CancellationToken.None));

        Assert.Single(results, r => r);
        Assert.Contains(Text(await Store.GetAsync(key, CancellationToken.None)), new[] { "a", "b" });
    }

    [Fact]
    public async Task Delete_RemovesTheValue_AndSaysWhetherThereWasOne()
    {
        var key = AppDataKey.ForCall(AppDataKinds.RecordingUrl, "call_1", "latest");
        await Store.PutAsync(key, Bytes("x"), CancellationToken.None);

        Assert.True(await Store.DeleteAsync(key, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(key, CancellationToken.None));
        Assert.Null(await Store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task List_ReadsOneKindOfOneScope_InPages()
    {
        foreach (var item in new[] { "b", "a", "d", "c", "e" })
        {
            await Store.PutAsync(AppDataKey.InIndex(AppDataKinds.ReviewOpen, item), Bytes(item), CancellationToken.None);
        }

        await Store.PutAsync(AppDataKey.InIndex(AppDataKinds.ReviewResolved, "a"), Bytes("other kind"), CancellationToken.None);

        var first = await Store.ListAsync(AppDataKinds.ReviewOpen, AppDataKinds.ReviewOpen.IndexScope, null, 2, CancellationToken.None);
        var second = await Store.ListAsync(AppDataKinds.ReviewOpen, AppDataKinds.ReviewOpen.IndexScope, first[^1].Item, 2, CancellationToken.None);
        var third = await Store.ListAsync(AppDataKinds.ReviewOpen, AppDataKinds.ReviewOpen.IndexScope, second[^1].Item, 2, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d", "e"], [.. first.Concat(second).Concat(third).Select(i => i.Item)]);
        Assert.Equal(["a", "b", "c", "d", "e"], [.. first.Concat(second).Concat(third).Select(i => Text(i.Value)!)]);
    }

    [Fact]
    public async Task DeleteScope_ErasesTheWholeCallId_NotCallsItPrefixes()
    {
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_par", "h1"), Bytes("parent"), CancellationToken.None);
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_par", "h2"), Bytes("parent"), CancellationToken.None);
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.RedactedDelivery, "call_par:child", "h1"), Bytes("child"), CancellationToken.None);
        await Store.PutAsync(AppDataKey.ForCall(AppDataKinds.RecordingUrl, "call_par", "latest"), Bytes("other kind"), CancellationToken.None);

        Assert.Equal(2, await Store.DeleteScopeAsync(AppDataKinds.RedactedDelivery, "call_par", CancellationToken.None));

        Assert.Empty(await Store.ListAsync(AppDataKinds.RedactedDelivery, "call_par", null, 10, CancellationToken.None));
        Assert.Single(await Store.ListAsync(AppDataKinds.RedactedDelivery, "call_par:child", null, 10, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync(AppDataKey.ForCall(AppDataKinds.RecordingUrl, "call_par", "latest"), CancellationToken.None));
    }

    [Fact]
    public async Task LargeValues_AMebibyteInboxBody_RoundTripsReplacesAndErases()
    {
        var key = AppDataKey.ForCall(AppDataKinds.InboxBody, "call_big", "h1");
        var big = new byte[1024 * 1024 + 17];
        new Random(7).NextBytes(big);
        await Store.PutAsync(key, big, CancellationToken.None);
        Assert.Equal(big, (await Store.GetAsync(key, CancellationToken.None))!.Value.ToArray());

        var read = await Store.GetVersionedAsync(key, CancellationToken.None);
        var bigger = big.Reverse().ToArray();
        Assert.True(await Store.TryReplaceAsync(key, bigger, read!.Version, CancellationToken.None));
        Assert.Equal(bigger, (await Store.GetAsync(key, CancellationToken.None))!.Value.ToArray());

        Assert.Equal(1, await Store.DeleteScopeAsync(AppDataKinds.InboxBody, "call_big", CancellationToken.None));
        Assert.Null(await Store.GetAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("call/with/slashes")]
    [InlineData("call#1?x=%41")]
    [InlineData("call:late:ab12")]
    [InlineData("appel_é_中文")]
    public async Task Keys_WithCharactersStorageKeysForbid_RoundTrip(string callId)
    {
        var key = AppDataKey.ForCall(AppDataKinds.ApprovalVote, callId, "req|FINANCE@EXAMPLE.COM");
        await Store.PutAsync(key, Bytes(callId), CancellationToken.None);

        Assert.Equal(callId, Text(await Store.GetAsync(key, CancellationToken.None)));
        var listed = Assert.Single(await Store.ListAsync(AppDataKinds.ApprovalVote, callId, null, 10, CancellationToken.None));
        Assert.Equal("req|FINANCE@EXAMPLE.COM", listed.Item);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(ReadOnlyMemory<byte>? value) => value is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
}
