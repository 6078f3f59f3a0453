using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Webhooks;

/// <summary>
/// The secrets a delivery may be signed with: <c>DialNexa__WebhookSecrets</c> (comma-separated, for rotation). When
/// the setting is empty, a random local secret is generated once under the data directory, so a fresh checkout runs and
/// <c>send-sample</c> can sign; production sets the real secret.
/// </summary>
internal sealed class WebhookSecretRing
{
    public const string LocalSecretFileName = "webhook-secret";

    public WebhookSecretRing(IOptions<WebhookOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = Split(options.Value.WebhookSecrets);
        if (configured.Count > 0)
        {
            Secrets = configured;
            IsLocal = false;
            return;
        }

        Secrets = [Encoding.UTF8.GetBytes(LoadOrCreateLocal(DataDirectory.Resolve(configuration, environment)))];
        IsLocal = true;
    }

    public IReadOnlyList<byte[]> Secrets { get; }

    /// <summary>True when no secret was configured and the generated local one is in use.</summary>
    public bool IsLocal { get; }

    public static IReadOnlyList<byte[]> Split(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Encoding.UTF8.GetBytes).ToList();

    public static string LoadOrCreateLocal(string dataDirectory)
    {
        return LocalSecretFile.LoadOrCreate(dataDirectory, LocalSecretFileName);
    }
}
