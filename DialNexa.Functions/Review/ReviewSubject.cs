namespace DialNexa.Functions.Review;

/// <summary>An instance a reviewer may act on, as its status shows it.</summary>
/// <param name="Stage">The stage its status reports (for messages).</param>
/// <param name="InReview">Whether its status says it is in review.</param>
/// <param name="Failed">Whether it failed (a failed handoff the queue holds is in review too).</param>
/// <param name="ItemFromStatus">Its queue item as the status describes it, for one whose entry is missing.</param>
internal sealed record ReviewSubject(string? Stage, bool InReview, bool Failed, ReviewItem ItemFromStatus);
