namespace DialNexa.Functions.Handoff;

/// <summary>Where a call's handoff stands; shown as <c>stage</c> in the call's status.</summary>
public enum HandoffStage
{
    Received,
    Redacting,
    WaitingForDetails,
    Extracting,
    Matching,
    Planning,
    InReview,
    AwaitingApproval,
    Writing,
    Summarizing,
    Notifying,
    Completed,
    NoAction,
}
