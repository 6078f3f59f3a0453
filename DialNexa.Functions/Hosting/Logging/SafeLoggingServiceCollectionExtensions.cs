using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialNexa.Functions.Hosting.Logging;

/// <summary>Puts <see cref="SafeLoggerFactory"/> in front of the logger factory the host registered (call it last, after every logging setting).</summary>
internal static class SafeLoggingServiceCollectionExtensions
{
    public static IServiceCollection AddSafeLogging(this IServiceCollection services)
    {
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new SafeLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp)));
        return services;
    }
}
