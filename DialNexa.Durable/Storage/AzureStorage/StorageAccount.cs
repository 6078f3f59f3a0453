using Azure.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// Where an Azure Storage account's queues and tables are, and how to sign in: a Shared Key (connection strings,
/// <c>UseDevelopmentStorage=true</c>) or an Entra ID token credential (identity-based connections).
/// </summary>
public sealed record StorageAccount
{
    /// <summary>The well-known Azurite account (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public required string AccountName { get; init; }

    public required Uri QueueEndpoint { get; init; }

    public required Uri TableEndpoint { get; init; }

    /// <summary>The decoded Shared Key, or null when <see cref="Credential"/> is used.</summary>
    internal byte[]? SharedKey { get; init; }

    public TokenCredential? Credential { get; init; }

    /// <summary>Reads an Azure Storage connection string. Messages name <paramref name="settingName"/> and never echo the key.</summary>
    public static StorageAccount Parse(string connectionString, string settingName = "AzureWebJobsStorage")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{settingName} is not a valid Azure Storage connection string: one of its ';'-separated parts has no '=' (parts are not shown, they may hold the key). Use 'UseDevelopmentStorage=true', 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...', or 'embedded'.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? p.TrimEnd('/') : "http://127.0.0.1";
            return new StorageAccount
            {
                AccountName = DevelopmentAccountName,
                QueueEndpoint = new Uri($"{proxy}:10001/{DevelopmentAccountName}"),
                TableEndpoint = new Uri($"{proxy}:10002/{DevelopmentAccountName}"),
                SharedKey = Convert.FromBase64String(DevelopmentAccountKey),
            };
        }

        if (!parts.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException($"{settingName} has no AccountName. Use 'UseDevelopmentStorage=true' for Azurite, 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net', or set {settingName}__accountName for an identity-based connection.");
        }

        if (!parts.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException($"{settingName} names account '{account}' but has no AccountKey. Add AccountKey=..., or remove {settingName} and set {settingName}__accountName to sign in with Entra ID.");
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException($"{settingName}: the AccountKey of account '{account}' is not valid base64 (its value is not shown).");
        }

        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        return new StorageAccount
        {
            AccountName = account,
            QueueEndpoint = Endpoint(parts, "QueueEndpoint", $"{protocol}://{account}.queue.{suffix}", settingName),
            TableEndpoint = Endpoint(parts, "TableEndpoint", $"{protocol}://{account}.table.{suffix}", settingName),
            SharedKey = decoded,
        };
    }

    /// <summary>
    /// The identity-based connection of the Functions host: <c>{prefix}__accountName</c>, or
    /// <c>{prefix}__queueServiceUri</c> and <c>{prefix}__tableServiceUri</c>, signed in with <paramref name="credential"/>.
    /// </summary>
    public static StorageAccount FromIdentity(string? accountName, string? queueServiceUri, string? tableServiceUri, TokenCredential credential, string settingName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!string.IsNullOrWhiteSpace(queueServiceUri) || !string.IsNullOrWhiteSpace(tableServiceUri))
        {
            if (string.IsNullOrWhiteSpace(queueServiceUri) || string.IsNullOrWhiteSpace(tableServiceUri))
            {
                throw new FormatException($"Set both {settingName}__queueServiceUri and {settingName}__tableServiceUri (the engine uses queues and tables), or set {settingName}__accountName alone.");
            }

            var queue = AbsoluteHttps(queueServiceUri, settingName + "__queueServiceUri");
            var table = AbsoluteHttps(tableServiceUri, settingName + "__tableServiceUri");
            return new StorageAccount
            {
                AccountName = accountName is { Length: > 0 } ? accountName : queue.Host.Split('.')[0],
                QueueEndpoint = queue,
                TableEndpoint = table,
                Credential = credential,
            };
        }

        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new FormatException($"An identity-based connection needs {settingName}__accountName (or {settingName}__queueServiceUri and {settingName}__tableServiceUri).");
        }

        return new StorageAccount
        {
            AccountName = accountName,
            QueueEndpoint = new Uri($"https://{accountName}.queue.core.windows.net"),
            TableEndpoint = new Uri($"https://{accountName}.table.core.windows.net"),
            Credential = credential,
        };
    }

    /// <summary>A development account at explicit loopback ports (tests start Azurite on free ports).</summary>
    public static StorageAccount Development(int queuePort, int tablePort) => Parse(
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName}");

    /// <summary>The connection string of <see cref="Development(int, int)"/>, to hand to a host process.</summary>
    public static string DevelopmentConnectionString(int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName}";

    public override string ToString() => $"{AccountName} (queues {QueueEndpoint}, tables {TableEndpoint}, {(Credential is null ? "shared key" : "Entra ID")})";

    private static Uri Endpoint(Dictionary<string, string> parts, string name, string fallback, string settingName)
    {
        var value = parts.TryGetValue(name, out var explicitValue) && explicitValue.Length > 0 ? explicitValue : fallback;
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"{settingName}: {name} '{value}' is not an absolute http(s) URL.");
        }

        return uri;
    }

    private static Uri AbsoluteHttps(string value, string settingName) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new FormatException($"{settingName} '{value}' must be an absolute https URL (Entra ID tokens are only sent over TLS).");
}
