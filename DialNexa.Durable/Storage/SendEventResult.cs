namespace DialNexa.Durable.Storage;

/// <summary>What became of a message sent to an instance by a client.</summary>
public enum SendEventResult
{
    /// <summary>Committed; the instance will process it.</summary>
    Accepted,

    /// <summary>No instance has that ID.</summary>
    NotFound,

    /// <summary>The instance has finished (Completed, Failed or Terminated); the message was not stored.</summary>
    Finished,
}
