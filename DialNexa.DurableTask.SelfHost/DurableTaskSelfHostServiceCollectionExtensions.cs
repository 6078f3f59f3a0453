using DialNexa.DurableTask.SelfHost.Client;
using DialNexa.DurableTask.SelfHost.Hosting;
using DialNexa.DurableTask.SelfHost.Worker;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost;

/// <summary>Registers the self-host's Durable Task client and worker.</summary>
public static class DurableTaskSelfHostServiceCollectionExtensions
{
    /// <summary>
    /// Registers Microsoft.DurableTask orchestrators and activities to run on DurableTask.Core's
    /// <see cref="TaskHubWorker"/> (a hosted service), and <see cref="DurableTaskClient"/> as a singleton
    /// <see cref="OrchestrationServiceDurableTaskClient"/>. An <see cref="IOrchestrationService"/> and an
    /// <see cref="IOrchestrationServiceClient"/> must be registered too (SQLite, Azure Storage, in-memory). Called more
    /// than once, the registrations add up in one registry.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureRegistry">Adds the orchestrators and activities (<c>registry.AddOrchestrator&lt;T&gt;()</c>, <c>registry.AddActivity&lt;T&gt;()</c>).</param>
    /// <param name="configureOptions">Changes the options after they are bound from <c>extensions:durableTask</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDurableTaskSelfHost(
        this IServiceCollection services,
        Action<DurableTaskRegistry> configureRegistry,
        Action<DurableTaskSelfHostOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureRegistry);

        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(DurableTaskRegistry))?.ImplementationInstance as DurableTaskRegistry;
        if (registry is null)
        {
            registry = new DurableTaskRegistry();
            services.AddSingleton(registry);
        }

        configureRegistry(registry);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<DurableTaskSelfHostOptions>, ConfigureDurableTaskSelfHostOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskSelfHostOptions>, DurableTaskSelfHostOptionsValidator>());
        var optionsBuilder = services.AddOptions<DurableTaskSelfHostOptions>().ValidateOnStart();
        if (configureOptions is not null)
        {
            optionsBuilder.Configure(configureOptions);
        }

        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton(sp => new OrchestrationServiceDurableTaskClient(
            sp.GetRequiredService<IOrchestrationServiceClient>(),
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<IOptions<DurableTaskSelfHostOptions>>().Value));
        services.TryAddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<OrchestrationServiceDurableTaskClient>());
        services.TryAddSingleton<DurableTaskSelfHostWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskSelfHostWorker>(sp => sp.GetRequiredService<DurableTaskSelfHostWorker>()));
        return services;
    }
}
