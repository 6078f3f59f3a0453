namespace DialNexa.Functions.OperationsConsole;

/// <summary>One line of a call's timeline: when, what happened in words, and optional detail (a request as sent, a note).</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Text, string? Detail = null);
