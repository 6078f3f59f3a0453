namespace DialNexa.Functions.Handoff.Messages;

/// <summary>A delivery attempt: the message, which attempt it is, and whether it is the last its schedule allows (a failure is then logged as an error).</summary>
public sealed record MessageAttemptInput(OutgoingMessage Message, int Attempt, bool LastAttempt);
