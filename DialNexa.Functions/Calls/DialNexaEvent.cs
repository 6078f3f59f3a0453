namespace DialNexa.Functions.Calls;

/// <summary>The routing facts of one delivery: its kind, its name in DialNexa's words, the call it belongs to.</summary>
internal sealed record DialNexaEvent(DialNexaEventKind Kind, string EventName, string? CallId, string? Status);
