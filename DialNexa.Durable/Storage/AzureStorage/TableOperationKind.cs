namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>What a table operation does.</summary>
internal enum TableOperationKind
{
    Insert,
    Upsert,
    Replace,
    Merge,
    Delete,
}
