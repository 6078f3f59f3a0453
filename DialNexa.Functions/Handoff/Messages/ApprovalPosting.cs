using DialNexa.Functions.Approvals;

namespace DialNexa.Functions.Handoff.Messages;

/// <summary>
/// What asking (or reminding) finance produced: the request, its Slack post (to deliver), and the approval mails as
/// first tried (null when mail is not set up); mails that failed for a passing reason are tried again. When the activity
/// made the Slack post's first attempt itself (revision 1), <see cref="SlackAttempt"/> says how it went; null, the post
/// is delivered by the handoff's outbox from its first attempt.
/// </summary>
public sealed record ApprovalPosting(ApprovalRequest Request, OutgoingMessage Slack, IReadOnlyList<Approvals.ApprovalDelivery>? Mail, MessageAttempt? SlackAttempt = null);
