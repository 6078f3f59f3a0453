namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>What an outbox item does when carried out.</summary>
internal enum OutboxKind
{
    Activity,
    Message,
    CreateChild,
    DeleteExecution,
}
