namespace DialNexa.Functions.Redaction;

/// <summary>
/// One removed value: its kind, where it was (turn, character offset and length in the original text) and the rule
/// that fired. Never the value itself.
/// </summary>
public sealed record RedactionFinding(SensitiveKind Kind, int Turn, int Start, int Length, string Validator);
