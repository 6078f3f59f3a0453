namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>A message taken from a queue: its ID and pop receipt (needed to delete or update it), delivery count and text.</summary>
internal sealed record QueueMessage(string MessageId, string PopReceipt, int DequeueCount, string Text);
