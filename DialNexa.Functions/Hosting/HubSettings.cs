namespace DialNexa.Functions.Hosting;

/// <summary>
/// The task hub and the embedded store's durability, read where the Functions host reads them: host.json's
/// <c>extensions:durableTask</c>, overridden by an <c>AzureFunctionsJobHost__extensions__durableTask__...</c> app setting.
/// </summary>
internal static class HubSettings
{
    public const string DefaultHubName = "DialNexaHub";

    public static string HubName(IConfiguration configuration) => Read(configuration, "hubName") ?? DefaultHubName;

    public static string Synchronous(IConfiguration configuration) => Read(configuration, "storageProvider:synchronous") ?? "FULL";

    private static string? Read(IConfiguration configuration, string key) =>
        configuration["AzureFunctionsJobHost:extensions:durableTask:" + key] is { Length: > 0 } overridden ? overridden
        : configuration["extensions:durableTask:" + key] is { Length: > 0 } value ? value
        : null;
}
