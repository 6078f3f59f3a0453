using DialNexa.DurableTask.SelfHost.AzureStorage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost;

/// <summary>Registers DurableTask.AzureStorage, configured from Functions-style settings.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="AzureStorageOrchestrationService"/> as the <see cref="IOrchestrationService"/>,
    /// <see cref="IOrchestrationServiceClient"/>, <see cref="IOrchestrationServicePurgeClient"/> and
    /// <see cref="IOrchestrationServiceQueryClient"/>, configured from <c>AzureWebJobsStorage</c> (connection string or
    /// identity-based) and <c>extensions:durableTask</c> (host.json names). The settings are validated at start, with
    /// messages naming the setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Where <c>AzureWebJobsStorage</c> and <c>extensions:durableTask</c> are read.</param>
    /// <param name="configure">Changes the options after they are read from configuration.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAzureStorageOrchestrationService(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AzureStorageDurableTaskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton<IConfigureOptions<AzureStorageDurableTaskOptions>>(new ConfigureAzureStorageDurableTaskOptions(configuration));
        services.AddSingleton<IValidateOptions<AzureStorageDurableTaskOptions>, AzureStorageDurableTaskOptionsValidator>();
        var builder = services.AddOptions<AzureStorageDurableTaskOptions>().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.AddSingleton(sp => new AzureStorageOrchestrationService(AzureStorageSettingsFactory.Create(
            sp.GetRequiredService<IOptions<AzureStorageDurableTaskOptions>>().Value,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServicePurgeClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceQueryClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        return services;
    }
}
