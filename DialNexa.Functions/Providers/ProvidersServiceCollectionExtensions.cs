using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using DialNexa.Functions.Providers.Slack;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers;

/// <summary>Registers every provider client, their settings (validated at start) and the outbox.</summary>
public static class ProvidersServiceCollectionExtensions
{
    public static IServiceCollection AddFinanceProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<ISecretResolver, KeyVaultSecretResolver>();
        services.AddSingleton<IActionOutbox, StoreActionOutbox>();
        services.AddSingleton<IFinanceProvider, GustoProvider>();
        services.AddSingleton<IFinanceProvider, PaystackProvider>();
        services.AddSingleton<IFinanceProvider, PlisioProvider>();
        services.AddSingleton<IFinanceProvider, ProabonoProvider>();
        services.AddSingleton<IFinanceProvider, AltovizProvider>();
        services.AddSingleton<IFinanceProvider, SlackProvider>();
        return services;
    }
}
