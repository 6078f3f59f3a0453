namespace DialNexa.Functions.Inbox;

/// <summary>What the inbox made of a delivery: the delivery, whether it was seen before, whether it started the call, and whether the handoff still reads it.</summary>
public sealed record InboxAcceptance(InboxDelivery Delivery, bool IsRepeat, bool IsFirst, bool IsLate)
{
    /// <summary>
    /// Whether the start run beside the inbox write returned (true: it created the call's handoff with this delivery as
    /// its first, or, on DurableTask.AzureStorage, a concurrent start of the same ID may have), was refused because an
    /// instance of the call ID was there (false), or was not run (null: the ledger was open already).
    /// </summary>
    public bool? StartedAlongside { get; init; }
}
