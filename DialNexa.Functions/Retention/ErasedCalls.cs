using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Settings;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Retention;

/// <summary>
/// Remembers erased calls without keeping their IDs: a keyed digest (HMAC-SHA256 of the call ID with a key from the
/// settings, <see cref="ErasureOptions"/>) per erased call, kept after erasure (<see cref="AppDataKinds.ErasedCall"/>).
/// DialNexa signs no timestamp, so an old signed body stays valid for ever: the webhook refuses a delivery whose call
/// has a digest, and an erased call is not created again by a resend. Without the key a digest cannot be tied to a call
/// ID, even by trying likely IDs.
/// </summary>
internal sealed class ErasedCalls(IAppDataStore store, IOptions<ErasureOptions> options, ISecretResolver secrets, IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
{
    public const string LocalKeyFileName = "erasure-digest-key";

    private readonly SemaphoreSlim _keysGate = new(1, 1);
    private IReadOnlyList<byte[]>? _keys;

    /// <summary>True when no key is configured and the generated local one is in use.</summary>
    public bool IsLocal => options.Value.Keys().Count == 0;

    /// <summary>Records that the call was erased (before its data goes, so no redelivery can slip in between).</summary>
    public async Task RememberAsync(string callId, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(cancellationToken);
        await store.PutJsonAsync(AppDataKey.InIndex(AppDataKinds.ErasedCall, Digest(keys[0], callId)), new ErasedCall(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>When the call was erased, or null when it never was.</summary>
    public async Task<DateTimeOffset?> ErasedAtAsync(string callId, CancellationToken cancellationToken)
    {
        foreach (var key in await KeysAsync(cancellationToken))
        {
            if (await store.GetJsonAsync<ErasedCall>(AppDataKey.InIndex(AppDataKinds.ErasedCall, Digest(key, callId)), cancellationToken) is { } erased)
            {
                return erased.ErasedAt;
            }
        }

        return null;
    }

    private static string Digest(byte[] key, string callId) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(callId)));

    private async Task<IReadOnlyList<byte[]>> KeysAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } known)
        {
            return known;
        }

        await _keysGate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null)
            {
                var configured = options.Value.Keys();
                var resolved = new List<byte[]>();
                foreach (var setting in configured)
                {
                    var key = await secrets.ResolveAsync(setting, cancellationToken);
                    if (key is not { Length: >= ErasureOptions.MinimumKeyLength })
                    {
                        throw new InvalidOperationException($"{ErasureOptions.DigestKeysSetting}: a key read from Key Vault is shorter than {ErasureOptions.MinimumKeyLength} characters.");
                    }

                    resolved.Add(Encoding.UTF8.GetBytes(key));
                }

                if (resolved.Count == 0)
                {
                    resolved.Add(Encoding.UTF8.GetBytes(LocalSecretFile.LoadOrCreate(DataDirectory.Resolve(configuration, environment), LocalKeyFileName)));
                }

                _keys = resolved;
            }

            return _keys;
        }
        finally
        {
            _keysGate.Release();
        }
    }

    internal sealed record ErasedCall(DateTimeOffset ErasedAt);
}
