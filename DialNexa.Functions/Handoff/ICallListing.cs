using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Where the handoff lists each call as it moves, for the people who work the calls (the operations console keeps the
/// list). The handoff's activities call it at the stages people look for; each call is safe to repeat, since an
/// activity may run again.
/// </summary>
internal interface ICallListing
{
    /// <summary>The call's first redacted delivery: the call is listed from here on.</summary>
    Task ReceivedAsync(string instanceId, RedactedCall call, CancellationToken cancellationToken);

    /// <summary>Finance was asked to approve the call's actions.</summary>
    Task AwaitingApprovalAsync(string instanceId, CallStatusSnapshot status, ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>The call's status as it stands (summary, review).</summary>
    Task RecordAsync(string instanceId, CallStatusSnapshot status, CancellationToken cancellationToken);

    /// <summary>The handoff ended in <paramref name="stage"/>.</summary>
    Task FinishedAsync(string instanceId, string callId, HandoffStage? stage, CancellationToken cancellationToken);
}
