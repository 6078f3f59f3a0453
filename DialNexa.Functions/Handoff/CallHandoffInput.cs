using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The handoff's input: the call ID (also the instance ID), the delivery that started it, the app's public base URL
/// for links, and the waits fixed when the call arrived (so a configuration change never alters a replay).
/// </summary>
public sealed record CallHandoffInput(string CallId, InboxDelivery FirstDelivery, string BaseUrl, TimeSpan DetailsWait, TimeSpan ApprovalTimeout);
