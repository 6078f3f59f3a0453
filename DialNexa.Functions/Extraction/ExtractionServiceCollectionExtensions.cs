using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Extraction;

/// <summary>Registers extraction's settings, and the fact extractor port it implements.</summary>
internal static class ExtractionServiceCollectionExtensions
{
    public static IServiceCollection AddExtraction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.SectionName));
        services.AddSingleton<IFactExtractor, FinanceContextExtractor>();
        return services;
    }
}
