using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>A delivery its call's handoff never read: the call, the delivery (its encrypted body is in the call's inbox), and the base URL for links.</summary>
public sealed record LateDeliveryInput(string CallId, InboxDelivery Delivery, string BaseUrl);
