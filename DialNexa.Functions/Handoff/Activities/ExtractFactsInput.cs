namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call, and the deliveries its handoff read (by their bodies' hashes), in the order it merged them.</summary>
public sealed record ExtractFactsInput(string CallId, IReadOnlyList<string> DeliveryHashes);
