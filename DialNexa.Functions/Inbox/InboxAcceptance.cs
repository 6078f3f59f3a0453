namespace DialNexa.Functions.Inbox;

/// <summary>What the inbox made of a delivery: the delivery, whether it was seen before, whether it started the call, and whether the handoff still reads it.</summary>
public sealed record InboxAcceptance(InboxDelivery Delivery, bool IsRepeat, bool IsFirst, bool IsLate);
