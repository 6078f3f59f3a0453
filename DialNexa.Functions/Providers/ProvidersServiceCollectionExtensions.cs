using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers;

/// <summary>Registers every provider client, their settings (validated at start) and the outbox.</summary>
public static class ProvidersServiceCollectionExtensions
{
    public static IServiceCollection AddFinanceProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProviderOptions<GustoOptions>(configuration, ProviderName.Gusto)
            .AddProviderOptions<PaystackOptions>(configuration, ProviderName.Paystack)
            .AddProviderOptions<PlisioOptions>(configuration, ProviderName.Plisio)
            .AddProviderOptions<ProabonoOptions>(configuration, ProviderName.Proabono)
            .AddProviderOptions<AltovizOptions>(configuration, ProviderName.Altoviz);
        services.AddHttpClient();
        services.AddSingleton<ISecretResolver, KeyVaultSecretResolver>();
        services.AddSingleton<IActionOutbox, StoreActionOutbox>();
        services.AddSingleton<IFinanceProvider, GustoProvider>();
        services.AddSingleton<IFinanceProvider, PaystackProvider>();
        services.AddSingleton<IFinanceProvider, PlisioProvider>();
        services.AddSingleton<IFinanceProvider, ProabonoProvider>();
        services.AddSingleton<IFinanceProvider, AltovizProvider>();
        return services;
    }

    /// <summary>One provider's settings, bound from its section and validated at start.</summary>
    private static IServiceCollection AddProviderOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, ProviderName name)
        where TOptions : ProviderOptions
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(ProviderOptions.SectionOf(name))).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, ProviderOptionsValidator<TOptions>>();
        return services;
    }
}
