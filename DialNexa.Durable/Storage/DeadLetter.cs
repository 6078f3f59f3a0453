namespace DialNexa.Durable.Storage;

/// <summary>A work item given up on after too many attempts, kept for operators.</summary>
public sealed record DeadLetter(string Kind, string InstanceId, string? Name, int DequeueCount, string Reason, DateTime DeadLetteredAt);
