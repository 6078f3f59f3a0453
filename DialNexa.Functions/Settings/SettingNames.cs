namespace DialNexa.Functions.Settings;

/// <summary>
/// The configuration keys the app reads one by one, each named once, here (a section bound to an options class is named
/// by that class). Keys are in configuration's ':' form; messages name a setting as an operator types it in app
/// settings or the environment, through <see cref="ForOperators"/>.
/// </summary>
internal static class SettingNames
{
    public const string DataDirectory = "DialNexa:DataDirectory";

    public const string WebhookSecrets = "DialNexa:WebhookSecrets";

    public const string AdminKey = "DialNexa:AdminKey";

    public const string PublicBaseUrl = "DialNexa:Handoff:PublicBaseUrl";

    public const string TracingConsole = "DialNexa:Tracing:Console";

    public const string DataProtectionKeysDirectory = "DialNexa:DataProtection:KeysDirectory";

    public const string DataProtectionKeyVaultKeyUri = "DialNexa:DataProtection:KeyVaultKeyUri";

    /// <summary>A key as an operator sets it (<c>DialNexa:AdminKey</c> is <c>DialNexa__AdminKey</c>).</summary>
    public static string ForOperators(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(":", "__", StringComparison.Ordinal);
    }
}
