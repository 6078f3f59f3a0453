namespace DialNexa.Functions.Redaction;

/// <summary>One turn of a call transcript.</summary>
public sealed record TranscriptTurn(Speaker Speaker, string Text);
