namespace DialNexa.Functions.Inbox;

/// <summary>
/// One DialNexa delivery of a call: the hash of its raw body (which names its encrypted body in the inbox, and makes a
/// repeat recognisable), its event name and when it arrived. This is all an orchestration is told of a delivery.
/// </summary>
public sealed record InboxDelivery(string Hash, string EventName, DateTimeOffset ReceivedAt);
