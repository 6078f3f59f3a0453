using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// A failure at start said as the operator fixes it: one line per problem, each setting named the one way it is set
/// (<c>DialNexa__Section__Name</c>, as in local.settings.json and the environment), no stack trace. Null for a failure
/// that is not about the configuration or the machine (a bug keeps its stack trace).
/// </summary>
internal static partial class StartupProblem
{
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OptionsValidationException validation:
                return [.. validation.Failures.Select(Setting)];
            case AggregateException aggregate when aggregate.InnerExceptions.All(e => Describe(e) is not null):
                return [.. aggregate.InnerExceptions.SelectMany(e => Describe(e)!).Distinct()];
            case DurableTask.Sqlite.SqliteStoreInUseException inUse:
                return [$"Another host has this app's embedded store open ({inUse.DatabasePath}). Stop that host, or start this one on another DialNexa__DataDirectory (or another hub name, AzureFunctionsJobHost__extensions__durableTask__hubName)."];
            case IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }:
                return [FirstLine(exception.Message) + " Start this one elsewhere: --urls http://localhost:7072 on the command line, or ASPNETCORE_URLS=http://localhost:7072 in the environment."];
            case InvalidOperationException when Conversion().Match(exception.Message) is { Success: true } failed:
                return [IsSecret(failed.Groups["key"].Value)
                    ? $"{Setting(failed.Groups["key"].Value)} (a secret, not shown) is not {Expected(failed.Groups["type"].Value)}."
                    : $"{Setting(failed.Groups["key"].Value)} is '{failed.Groups["value"].Value}', which is not {Expected(failed.Groups["type"].Value)}."];
            case InvalidOperationException or UnauthorizedAccessException or IOException:
                // What the app's own start-up code refuses (Key Vault references, local.settings.json, the key ring,
                // the embedded store held by another host) is said in its message, naming the setting to fix.
                return [Setting(FirstLine(exception.Message))];
            default:
                return null;
        }
    }

    /// <summary>Every setting in a text spelled as it is set: <c>DialNexa:Handoff:ApprovalTimeout</c> becomes <c>DialNexa__Handoff__ApprovalTimeout</c>.</summary>
    public static string Setting(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SettingPath().Replace(text, m => m.Value.Replace(":", "__", StringComparison.Ordinal));
    }

    /// <summary>Whether a key, or a section holding it (<c>DialNexa:WebhookSecrets:0</c>), holds a credential.</summary>
    private static bool IsSecret(string key)
    {
        var parts = key.Split(':');
        return Enumerable.Range(1, parts.Length).Any(n => SecretSettings.IsSecret(string.Join(':', parts[..n])));
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string Expected(string type) => type switch
    {
        "System.TimeSpan" => "a duration such as 1.00:00:00 (a day) or 00:30:00 (half an hour)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Decimal" or "System.Double" => "a number such as 100 or 0.8",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("DialNexa.", StringComparison.Ordinal) && Type.GetType(type) is { IsEnum: true } kind => "one of " + string.Join(", ", Enum.GetNames(kind)),
        _ => "a " + type[(type.LastIndexOf('.') + 1)..],
    };

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Conversion();

    [GeneratedRegex(@"\b(DialNexa|Providers|AzureWebJobsStorage|extensions|Logging)(:[A-Za-z0-9_]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPath();
}
