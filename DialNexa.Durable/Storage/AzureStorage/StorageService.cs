namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>The storage service a pipeline talks to; Queue and Table sign requests differently.</summary>
internal enum StorageService
{
    Queue,
    Table,
}
