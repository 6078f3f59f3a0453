
namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call as it stands, how long finance has to decide, the request's ID (from the orchestration) and the app's base URL for links.</summary>
public sealed record RequestApprovalInput(CallStatusSnapshot Status, TimeSpan Timeout, string? RequestId = null, string? BaseUrl = null);
