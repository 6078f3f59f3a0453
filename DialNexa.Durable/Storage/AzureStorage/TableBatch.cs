namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// An entity group transaction: up to 100 operations on ONE partition, applied all or nothing. The partition rule is
/// enforced here because Azurite accepts batches that span partitions and Azure refuses them.
/// </summary>
internal sealed class TableBatch
{
    public const int MaxOperations = 100;

    private readonly List<TableOperation> _operations = [];

    public string? PartitionKey { get; private set; }

    public int Count => _operations.Count;

    public IReadOnlyList<TableOperation> Operations => _operations;

    /// <summary>Insert; fails the batch with 409 when the entity exists.</summary>
    public TableBatch Insert(TableEntity entity) => Add(new TableOperation(TableOperationKind.Insert, entity, null));

    /// <summary>Insert or replace, unconditionally.</summary>
    public TableBatch Upsert(TableEntity entity) => Add(new TableOperation(TableOperationKind.Upsert, entity, null));

    /// <summary>Replace when the ETag still matches ("*" for any version); 412 otherwise, 404 when missing.</summary>
    public TableBatch Replace(TableEntity entity, string etag) => Add(new TableOperation(TableOperationKind.Replace, entity, etag));

    /// <summary>Merge properties when the ETag still matches ("*" for any version).</summary>
    public TableBatch Merge(TableEntity entity, string etag) => Add(new TableOperation(TableOperationKind.Merge, entity, etag));

    public TableBatch Delete(string partitionKey, string rowKey, string etag = "*") =>
        Add(new TableOperation(TableOperationKind.Delete, new TableEntity(partitionKey, rowKey), etag));

    private TableBatch Add(TableOperation operation)
    {
        PartitionKey ??= operation.Entity.PartitionKey;
        if (!string.Equals(PartitionKey, operation.Entity.PartitionKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"An entity group transaction must stay in one partition: it holds '{PartitionKey}' and was given '{operation.Entity.PartitionKey}'. Azure Storage refuses such a batch (CommandsInBatchActOnDifferentPartitions).");
        }

        if (_operations.Count == MaxOperations)
        {
            throw new InvalidOperationException($"An entity group transaction holds at most {MaxOperations} operations.");
        }

        _operations.Add(operation);
        return this;
    }
}
