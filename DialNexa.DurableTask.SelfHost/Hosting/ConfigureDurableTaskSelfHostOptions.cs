using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost.Hosting;

/// <summary>
/// Binds <see cref="DurableTaskSelfHostOptions"/> from <c>extensions:durableTask</c> (host.json's section), then from
/// <c>AzureFunctionsJobHost:extensions:durableTask</c> (the Functions host's override by app setting), when the
/// container has an <see cref="IConfiguration"/>.
/// </summary>
internal sealed class ConfigureDurableTaskSelfHostOptions(IServiceProvider services) : IConfigureOptions<DurableTaskSelfHostOptions>
{
    public const string FunctionsHostOverridePrefix = "AzureFunctionsJobHost";

    public void Configure(DurableTaskSelfHostOptions options)
    {
        if (services.GetService<IConfiguration>() is not { } configuration)
        {
            return;
        }

        configuration.GetSection(DurableTaskSelfHostOptions.SectionName).Bind(options);
        configuration.GetSection($"{FunctionsHostOverridePrefix}:{DurableTaskSelfHostOptions.SectionName}").Bind(options);
    }
}
