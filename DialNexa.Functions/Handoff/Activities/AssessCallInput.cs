namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call, the deliveries its handoff read (by their bodies' hashes, in the order it merged them), and its links.</summary>
public sealed record AssessCallInput(string CallId, IReadOnlyList<string> DeliveryHashes, CallLinks Links);
