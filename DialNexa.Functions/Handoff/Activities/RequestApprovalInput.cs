
namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// The call as it stands, how long finance has to decide, the request's ID (from the orchestration) and the app's base
/// URL for links; for handoffs of revision 1, that the activity makes its Slack post's first attempt itself (the channel
/// is clear then: the request is a call's first message) and whether that attempt is the last the schedule allows.
/// </summary>
public sealed record RequestApprovalInput(CallStatusSnapshot Status, TimeSpan Timeout, string? RequestId = null, string? BaseUrl = null, bool PostsToSlack = false, bool PostIsLastAttempt = false);
