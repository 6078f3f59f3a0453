using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace DialNexa.Functions.AppData.AzureStorage;

/// <summary>
/// App data on Azure Storage: one table (<c>{hub}AppData</c>), partitioned by scope (a call ID or an index name), row
/// key kind + item; values up to <see cref="InlineLimit"/> bytes sit in the entity, larger ones (an inbox body of up to a
/// mebibyte) in a blob of <c>{hub}-appdata</c> that the entity names. Versions are the entities' ETags.
/// </summary>
internal sealed class AzureAppDataStore(TableClient table, BlobContainerClient blobs) : IAppDataStore
{
    /// <summary>Largest value kept inline (a binary property holds at most 64 KiB).</summary>
    internal const int InlineLimit = 48 * 1024;

    private const string ValueProperty = "Value";
    private const string BlobProperty = "Blob";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        await blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(AppDataKey key, CancellationToken cancellationToken) =>
        await GetVersionedAsync(key, cancellationToken) is { } stored ? (ReadOnlyMemory<byte>?)stored.Value : null;

    public async Task<StoredVersion?> GetVersionedAsync(AppDataKey key, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(key.Scope), TableKeys.RowKey(key.Kind, key.Item), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity)
        {
            return null;
        }

        var value = await ReadValueAsync(entity, cancellationToken);
        return value is null ? null : new StoredVersion(value.Value, entity.ETag.ToString());
    }

    public async Task PutAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var previous = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(key.Scope), TableKeys.RowKey(key.Kind, key.Item), cancellationToken: cancellationToken);
        var entity = await EntityForAsync(key, value, cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        if (previous.HasValue && previous.Value?.GetString(BlobProperty) is { } oldBlob)
        {
            await blobs.DeleteBlobIfExistsAsync(oldBlob, cancellationToken: cancellationToken);
        }
    }

    public async Task<bool> TryAddAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var entity = await EntityForAsync(key, value, cancellationToken);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await DeleteBlobOfAsync(entity, cancellationToken);
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(AppDataKey key, ReadOnlyMemory<byte> value, string version, CancellationToken cancellationToken)
    {
        var previous = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(key.Scope), TableKeys.RowKey(key.Kind, key.Item), cancellationToken: cancellationToken);
        if (!previous.HasValue || previous.Value is not { } old || old.ETag.ToString() != version)
        {
            return false;
        }

        var entity = await EntityForAsync(key, value, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            await DeleteBlobOfAsync(entity, cancellationToken);
            return false;
        }

        await DeleteBlobOfAsync(old, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(AppDataKey key, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(key.Scope), TableKeys.RowKey(key.Kind, key.Item), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity)
        {
            return false;
        }

        var response = await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        await DeleteBlobOfAsync(entity, cancellationToken);
        return response.Status != 404;
    }

    public async Task<IReadOnlyList<AppDataItem>> ListAsync(AppDataKind kind, string scope, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var (from, to) = TableKeys.RangeOf(kind);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(scope)} and RowKey ge {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(scope)} and RowKey gt {TableKeys.RowKey(kind, after)} and RowKey lt {to}");
        var items = new List<AppDataItem>(Math.Min(pageSize, 1000));
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(pageSize, 1000), cancellationToken: cancellationToken))
        {
            if (await ReadValueAsync(entity, cancellationToken) is { } value)
            {
                items.Add(new AppDataItem(TableKeys.ItemOf(entity.RowKey), value));
            }

            if (items.Count == pageSize)
            {
                break;
            }
        }

        return items;
    }

    public async Task<IReadOnlyList<string>> ListScopesAsync(AppDataKind kind, string item, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var rowKey = TableKeys.RowKey(kind, item);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"RowKey eq {rowKey}")
            : TableClient.CreateQueryFilter($"RowKey eq {rowKey} and PartitionKey gt {TableKeys.Escape(after)}");
        var scopes = new List<string>(Math.Min(pageSize, 1000));
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(pageSize, 1000), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            scopes.Add(TableKeys.Unescape(entity.PartitionKey));
            if (scopes.Count == pageSize)
            {
                break;
            }
        }

        return scopes;
    }

    public async Task<int> DeleteScopeAsync(AppDataKind kind, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var (from, to) = TableKeys.RangeOf(kind);
        var partition = TableKeys.Escape(scope);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var deleted = 0;
        var batch = new List<TableTransactionAction>(100);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            if (batch.Count == 100)
            {
                deleted += await SubmitAsync(batch, cancellationToken);
            }
        }

        deleted += await SubmitAsync(batch, cancellationToken);

        // Blobs of this kind and scope, including any a crash left without an entity.
        await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, BlobPrefix(kind, scope), cancellationToken))
        {
            await blobs.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }

        return deleted;
    }

    private async Task<int> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var count = batch.Count;
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            // One entity went meanwhile (deleted by someone else): delete the rest one by one.
            foreach (var action in batch)
            {
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
        }

        batch.Clear();
        return count;
    }

    private async Task<TableEntity> EntityForAsync(AppDataKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(key.Scope), TableKeys.RowKey(key.Kind, key.Item));
        if (value.Length <= InlineLimit)
        {
            entity[ValueProperty] = value.ToArray();
            return entity;
        }

        var name = BlobPrefix(key.Kind, key.Scope) + Guid.NewGuid().ToString("N");
        await blobs.UploadBlobAsync(name, BinaryData.FromBytes(value), cancellationToken);
        entity[BlobProperty] = name;
        return entity;
    }

    private async Task<ReadOnlyMemory<byte>?> ReadValueAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetBinary(ValueProperty) is { } inline)
        {
            return inline;
        }

        if (entity.GetString(BlobProperty) is not { } name)
        {
            return null;
        }

        try
        {
            var content = await blobs.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Replaced or deleted between the entity read and the blob read.
            return null;
        }
    }

    private async Task DeleteBlobOfAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetString(BlobProperty) is { } name)
        {
            await blobs.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        }
    }

    private static string BlobPrefix(AppDataKind kind, string scope) => $"{TableKeys.Escape(scope)}/{kind.Name}/";
}
