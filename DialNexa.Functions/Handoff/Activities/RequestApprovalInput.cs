namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call as it stands, and how long finance has to decide.</summary>
public sealed record RequestApprovalInput(CallStatusSnapshot Status, TimeSpan Timeout);
