namespace DialNexa.Functions.Review;

/// <summary>Registers the review queue.</summary>
internal static class ReviewServiceCollectionExtensions
{
    /// <summary>The queue; whoever owns the instances behind its items registers <see cref="IReviewSubjects"/>.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<ReviewQueue>();
        return services;
    }
}
