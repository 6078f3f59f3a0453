namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Which delivery of which call to redact.</summary>
public sealed record RedactCallInput(string CallId, string InboxKey);
