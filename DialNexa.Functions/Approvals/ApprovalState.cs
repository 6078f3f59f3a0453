namespace DialNexa.Functions.Approvals;

/// <summary>Where an approval link stands, as the page and Slack report it.</summary>
public enum ApprovalState
{
    /// <summary>Waiting for this approver's decision.</summary>
    Open,

    /// <summary>This decision was recorded and raised into the call's orchestration.</summary>
    Recorded,

    /// <summary>This approver had already decided with this link (a replay).</summary>
    AlreadyUsed,

    /// <summary>Someone else's decision settled the request first.</summary>
    AlreadyDecided,

    /// <summary>The link expired.</summary>
    Expired,

    /// <summary>The call no longer waits (timed out to review, or finished).</summary>
    Closed,

    /// <summary>Nothing to show: forged, tampered, unknown request or not an approver of it.</summary>
    NotFound,

    /// <summary>Approving needs the company bank account a write adds, which only the approval page takes; nothing was recorded.</summary>
    BankAccountNeeded,
}
