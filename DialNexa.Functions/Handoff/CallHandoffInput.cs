using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The handoff's input: the call ID (also the instance ID), the delivery that started it, the app's public base URL
/// for links, and the waits and retry schedules fixed when the call arrived (so a configuration change never alters a
/// replay; <see cref="Retries"/> is null for calls that arrived before it existed, which run on the defaults).
/// </summary>
public sealed record CallHandoffInput(string CallId, InboxDelivery FirstDelivery, string BaseUrl, TimeSpan DetailsWait, TimeSpan ApprovalTimeout, RetrySchedules? Retries = null);
