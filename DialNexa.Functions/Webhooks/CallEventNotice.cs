namespace DialNexa.Functions.Webhooks;

/// <summary>What the handoff orchestration is told of a delivery: where its (encrypted) body is, and what it is.</summary>
public sealed record CallEventNotice(string InboxKey, string EventName, DateTimeOffset ReceivedAt);
