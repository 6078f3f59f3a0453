namespace DialNexa.Functions.Review;

/// <summary>
/// What the review queue needs to know of the instances behind its items (a call's handoff, a late delivery), which the
/// handoff owns: the handoff implements it, so the queue does not depend on the handoff.
/// </summary>
internal interface IReviewSubjects
{
    /// <summary>Null when no handoff or late delivery has this instance ID.</summary>
    Task<ReviewSubject?> FindAsync(string instanceId, CancellationToken cancellationToken);
}
