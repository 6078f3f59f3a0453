namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>One operation of an entity group transaction.</summary>
internal sealed record TableOperation(TableOperationKind Kind, TableEntity Entity, string? ETag);
