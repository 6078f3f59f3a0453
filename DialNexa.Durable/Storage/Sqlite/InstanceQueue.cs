namespace DialNexa.Durable.Storage.Sqlite;

/// <summary>The visible messages of one instance, and whether a worker holds it.</summary>
internal sealed class InstanceQueue
{
    public List<OrchestrationMessage> Messages { get; } = [];

    /// <summary>A worker is processing the instance; new messages wait for the next episode.</summary>
    public bool Locked { get; set; }

    /// <summary>The instance sits in the ready channel.</summary>
    public bool Queued { get; set; }

    /// <summary>A message arrived while the instance was locked.</summary>
    public bool ArrivedWhileLocked { get; set; }
}
