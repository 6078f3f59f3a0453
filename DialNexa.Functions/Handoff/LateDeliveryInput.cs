using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A delivery its call's handoff never read: the call, the delivery (its encrypted body is in the call's inbox), the
/// base URL for links, and how its review alert is retried (null: the defaults).
/// </summary>
public sealed record LateDeliveryInput(string CallId, InboxDelivery Delivery, string BaseUrl, RetrySchedule? MessageRetry = null);
