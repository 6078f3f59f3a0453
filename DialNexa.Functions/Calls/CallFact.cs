namespace DialNexa.Functions.Calls;

/// <summary>One extracted fact: its value as text, how sure extraction is (0 to 1), and where it came from.</summary>
public sealed record CallFact(string Value, double Confidence, string Source);
