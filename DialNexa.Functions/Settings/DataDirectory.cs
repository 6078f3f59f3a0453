namespace DialNexa.Functions.Settings;

/// <summary>Where the app keeps its local state: <c>DialNexa:DataDirectory</c>, default <c>.data</c> under the content root.</summary>
internal static class DataDirectory
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration[SettingNames.DataDirectory] is { Length: > 0 } configured ? configured : ".data", environment.ContentRootPath);
}
