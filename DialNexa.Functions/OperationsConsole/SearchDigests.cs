using DialNexa.Functions.Settings;
using DialNexa.Functions.Retention;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The console's search keys: an email, phone number or invoice number is kept in the call list only as a keyed digest
/// (HMAC-SHA256 with the erasure digest keys, <see cref="ErasureOptions"/>, under a purpose of its own), so the list
/// holds nothing that can be read back or matched without the key. The first key writes; every key is tried when
/// searching, so a new key in front keeps older calls findable. Values are normalised first (case, punctuation, the
/// last ten digits of a phone number) so the way someone types a value does not matter.
/// </summary>
internal sealed class SearchDigests(IOptions<ErasureOptions> options, ISecretResolver secrets, IConfiguration configuration, IHostEnvironment environment)
{
    private const string Purpose = "DialNexa.OperationsConsole.Search.v1";

    private readonly SemaphoreSlim _keysGate = new(1, 1);
    private IReadOnlyList<byte[]>? _keys;

    /// <summary>The digests to store for a call's email, phone and invoice number (any may be null).</summary>
    public async Task<IReadOnlyList<string>> ForCallAsync(string? email, string? phone, string? invoice, CancellationToken cancellationToken)
    {
        var key = (await KeysAsync(cancellationToken))[0];
        var digests = new List<string>(3);
        foreach (var (kind, value) in Normalised(email, phone, invoice))
        {
            digests.Add(Digest(key, kind, value));
        }

        return digests;
    }

    /// <summary>Every digest a search text could match, under every key: as an email, as a phone number, as an invoice number.</summary>
    public async Task<IReadOnlySet<string>> ForSearchAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var keys = await KeysAsync(cancellationToken);
        var asEmail = text.Contains('@', StringComparison.Ordinal) ? text : null;
        foreach (var (kind, value) in Normalised(asEmail, text, text))
        {
            foreach (var key in keys)
            {
                found.Add(Digest(key, kind, value));
            }
        }

        return found;
    }

    private static IEnumerable<(string Kind, string Value)> Normalised(string? email, string? phone, string? invoice)
    {
        if (email?.Trim() is { Length: > 2 } e && e.Contains('@', StringComparison.Ordinal))
        {
            yield return ("email", e.ToLowerInvariant());
        }

        if (phone is not null)
        {
            var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
            if (digits.Length >= 7 && phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.'))
            {
                yield return ("phone", digits.Length > 10 ? digits[^10..] : digits);
            }
        }

        if (invoice is not null)
        {
            var letters = new string([.. invoice.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
            if (letters.Length >= 3 && !invoice.Contains('@', StringComparison.Ordinal))
            {
                yield return ("invoice", letters);
            }
        }
    }

    private static string Digest(byte[] key, string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Purpose}\n{kind}\n{value}"))).AsSpan(0, 16));

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
                var resolved = new List<byte[]>();
                foreach (var setting in options.Value.Keys())
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
                    resolved.Add(Encoding.UTF8.GetBytes(LocalSecretFile.LoadOrCreate(DataDirectory.Resolve(configuration, environment), ErasedCalls.LocalKeyFileName)));
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
}
