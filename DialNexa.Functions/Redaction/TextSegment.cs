namespace DialNexa.Functions.Redaction;

/// <summary>
/// Where part of a turn's text sits in the transcript text it was parsed from: characters
/// <see cref="Start"/>..+<see cref="Length"/> of the source are characters <see cref="TurnOffset"/>..+Length of
/// turn <see cref="Turn"/> (a turn continued on a second line has two segments).
/// </summary>
internal readonly record struct TextSegment(int Turn, int Start, int Length, int TurnOffset);
