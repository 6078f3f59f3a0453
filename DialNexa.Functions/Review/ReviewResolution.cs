namespace DialNexa.Functions.Review;

/// <summary>Who took a call off the review queue, when, and what they noted (redacted like a transcript).</summary>
public sealed record ReviewResolution(string ResolvedBy, string? Note, DateTimeOffset ResolvedAt);
