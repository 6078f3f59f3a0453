namespace DialNexa.Functions.Review;

/// <summary>A review item taken off the queue, with who did it.</summary>
public sealed record ResolvedReview(ReviewItem Item, ReviewResolution Resolution);
