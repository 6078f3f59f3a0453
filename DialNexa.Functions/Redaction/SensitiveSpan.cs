namespace DialNexa.Functions.Redaction;

/// <summary>A range of one text to replace, what it is and which rule found it.</summary>
internal readonly record struct SensitiveSpan(int Start, int End, SensitiveKind Kind, string Validator);
