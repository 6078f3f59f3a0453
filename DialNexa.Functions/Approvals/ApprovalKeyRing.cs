using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The HMAC keys approval links are signed with (<c>DialNexa__Approvals__SigningKeys</c>, newest first). Each key has
/// a short ID derived from it, carried in the token, so verification picks the right key and a rotated-out key's links
/// keep working while it stays in the list. With no key configured, one is generated under the data directory (which
/// <see cref="Hosting.StartupWarnings"/> says at start).
/// </summary>
internal sealed partial class ApprovalKeyRing
{
    public const string LocalKeyFileName = "approval-signing-key";

    private readonly Dictionary<string, byte[]> _byId = new(StringComparer.Ordinal);

    public ApprovalKeyRing(IOptions<ApprovalsOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var keys = Split(options.Value.SigningKeys);
        IsLocal = keys.Count == 0;
        if (IsLocal)
        {
            keys = [LoadOrCreateLocal(DataDirectory.Resolve(configuration, environment))];
        }

        foreach (var key in keys)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            _byId.TryAdd(IdOf(bytes), bytes);
        }

        var first = Encoding.UTF8.GetBytes(keys[0]);
        CurrentId = IdOf(first);
        Current = first;
    }

    /// <summary>True when no key was configured and the generated local one signs.</summary>
    public bool IsLocal { get; }

    public string CurrentId { get; }

    public byte[] Current { get; }

    public byte[]? Find(string id) => _byId.GetValueOrDefault(id);

    public static List<string> Split(string? setting) =>
        [.. (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string IdOf(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "dialnexa-approval-key:"u8, .. key]))[..8];

    private static string LoadOrCreateLocal(string dataDirectory)
    {
        return LocalSecretFile.LoadOrCreate(dataDirectory, LocalKeyFileName);
    }

    [LoggerMessage(2202, LogLevel.Warning, "No DialNexa__Approvals__SigningKeys is set: approval links are signed with the local key in the data directory. Set real keys before sending links to finance.")]
    internal static partial void LocalKeyInUse(ILogger logger);
}
