namespace DialNexa.Functions.Inbox;

/// <summary>A call has had more deliveries than one ledger keeps: the delivery was not stored.</summary>
public sealed class InboxFullException : Exception
{
    public InboxFullException()
    {
    }

    public InboxFullException(string message)
        : base(message)
    {
    }

    public InboxFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
