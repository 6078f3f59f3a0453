using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Handoff;

/// <summary>A delivery for a call whose handoff had already ended: the call, where the delivery's encrypted body is, and the base URL for links.</summary>
public sealed record LateDeliveryInput(string CallId, CallEventNotice Delivery, string BaseUrl);
