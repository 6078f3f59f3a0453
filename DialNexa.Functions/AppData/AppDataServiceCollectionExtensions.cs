namespace DialNexa.Functions.AppData;

/// <summary>Registers the app data store the settings choose (<see cref="AppDataStorage"/>), created when the host starts.</summary>
internal static class AppDataServiceCollectionExtensions
{
    public static IServiceCollection AddAppData(this IServiceCollection services, IConfiguration configuration, string dataDirectory, string hubName, string synchronous)
    {
        services.AddSingleton(_ => AppDataStorage.Create(configuration, dataDirectory, hubName, synchronous));
        services.AddHostedService<AppDataInitializer>();
        return services;
    }
}
