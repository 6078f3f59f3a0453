namespace DialNexa.Functions.Calls;

/// <summary>One transcript turn after redaction.</summary>
public sealed record RedactedTurn(string Speaker, string Text);
