using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// Slows down guessing the admin key at the console's sign-in: an address that gave a wrong key
/// <see cref="ConsoleOptions.SignInFailuresAllowed"/> times within <see cref="ConsoleOptions.SignInLockout"/> may not
/// try again, with the right key or not, until that long after its first counted failure. Kept in this host's memory
/// (each host counts its own), keyed by the client's address; a sign-in that succeeds clears its address.
/// </summary>
internal sealed class SignInThrottle(IOptions<ConsoleOptions> options, TimeProvider time)
{
    /// <summary>Addresses tracked at most; past this the oldest windows are dropped first, so memory stays bounded.</summary>
    private const int MaxTrackedAddresses = 10_000;

    private readonly ConcurrentDictionary<string, FailureWindow> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before it may try again; null when it may try now.</summary>
    public TimeSpan? WaitFor(IPAddress? address)
    {
        if (!_failures.TryGetValue(KeyOf(address), out var window))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        var ends = window.Since + settings.SignInLockout;
        if (now >= ends)
        {
            _failures.TryRemove(new KeyValuePair<string, FailureWindow>(KeyOf(address), window));
            return null;
        }

        return window.Count >= settings.SignInFailuresAllowed ? ends - now : null;
    }

    public void Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        var lockout = options.Value.SignInLockout;
        _failures.AddOrUpdate(
            KeyOf(address),
            _ => new FailureWindow(now, 1),
            (_, window) => now >= window.Since + lockout ? new FailureWindow(now, 1) : window with { Count = window.Count + 1 });
        if (_failures.Count > MaxTrackedAddresses)
        {
            foreach (var stale in _failures.OrderBy(f => f.Value.Since).Take(_failures.Count - MaxTrackedAddresses).ToList())
            {
                _failures.TryRemove(stale);
            }
        }
    }

    public void Succeeded(IPAddress? address) => _failures.TryRemove(KeyOf(address), out _);

    /// <summary>
    /// The address a sign-in counts against: the connection's, or, when that is loopback (the Functions host in front of
    /// its worker, or a local reverse proxy), the first address in <c>X-Forwarded-For</c>, so callers are not all one.
    /// </summary>
    public static IPAddress? ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var connection = http.Connection.RemoteIpAddress;
        if (connection is not null && !IPAddress.IsLoopback(connection))
        {
            return connection;
        }

        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim();
        return IPEndPoint.TryParse(forwarded, out var endpoint) ? endpoint.Address : connection;
    }

    private static string KeyOf(IPAddress? address) => address?.ToString() ?? "unknown";

    private sealed record FailureWindow(DateTimeOffset Since, int Count);
}
