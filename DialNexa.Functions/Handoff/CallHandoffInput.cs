using DialNexa.Functions.Inbox;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The handoff's input: the call ID (also the instance ID), the delivery that started it, the app's public base URL
/// for links, and the waits and retry schedules fixed when the call arrived (so a configuration change never alters a
/// replay; <see cref="Retries"/> is null for calls that arrived before it existed, which run on the defaults), and the
/// revision of the handoff's steps the call started on (<see cref="Revision"/>).
/// </summary>
public sealed record CallHandoffInput(string CallId, InboxDelivery FirstDelivery, string BaseUrl, TimeSpan DetailsWait, TimeSpan ApprovalTimeout, RetrySchedules? Retries = null, int? Revision = null)
{
    /// <summary>
    /// The revision new calls start on. 1: the decision notice and the alerts are composed in the orchestration itself
    /// (pure functions of the status) instead of in their own activities, the approval request's activity makes its
    /// Slack post's first attempt itself, and an approval's decision notice is delivered while the writes run instead of
    /// before them: three fewer activity round trips and one fewer episode per approved call. 2: the call is read, its
    /// caller matched and its handoff planned in one activity (<see cref="Activities.AssessCallActivity"/>) instead of
    /// three, and the summary is composed in the orchestration while the console's call list is recorded alongside the
    /// last deliveries: three fewer activities and two or three fewer episodes per call. A call that started on an earlier
    /// revision (<see cref="Revision"/> null for before revisions) replays the steps its history holds.
    /// </summary>
    public const int CurrentRevision = 2;

    /// <summary>Whether the decision notice and the alerts are composed in the orchestration (revision 1 and later).</summary>
    public bool ComposesNoticesInline => Revision >= 1;

    /// <summary>Whether the approval request's activity makes its Slack post's first attempt (revision 1 and later).</summary>
    public bool PostsApprovalRequestInItsActivity => Revision >= 1;

    /// <summary>Whether an approval's decision notice is delivered alongside the writes (revision 1 and later).</summary>
    public bool DeliversNoticeAlongsideWrites => Revision >= 1;

    /// <summary>Whether extraction, matching and planning run as one activity (revision 2 and later).</summary>
    public bool AssessesInOneStep => Revision >= 2;

    /// <summary>Whether the summary is composed in the orchestration and the call list recorded alongside the last deliveries (revision 2 and later).</summary>
    public bool SummarizesInline => Revision >= 2;
}
