namespace DialNexa.Functions.Redaction;

/// <summary>
/// A number as the caller said or typed it, normalised to its digits: "four two, uh, double four" is "4244". Start and
/// End cover the characters to replace. Groups is the written grouping ("3-2-4") when typed with separators.
/// </summary>
internal sealed record NumberRun(int FirstToken, int LastToken, int Start, int End, string Digits, string Groups, bool Spoken, bool AtTextStart, bool AtTextEnd);
