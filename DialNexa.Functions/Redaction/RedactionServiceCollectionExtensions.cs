using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Redaction;

/// <summary>Registers redaction, and the call redactor port it implements.</summary>
internal static class RedactionServiceCollectionExtensions
{
    public static IServiceCollection AddRedaction(this IServiceCollection services)
    {
        services.AddSingleton<TranscriptRedactor>();
        services.AddSingleton<ICallRedactor, DialNexaCallRedactor>();
        return services;
    }
}
