using DialNexa.Functions.Settings;
using DialNexa.Functions.HttpEdge;
using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// Sign-in, sessions and antiforgery for the console. Signing in checks the admin key (<c>DialNexa__AdminKey</c>, compared
/// in constant time) once; then a session cookie carries the session: HttpOnly, SameSite=Strict, Secure off loopback,
/// scoped to the console's path, protected by DataProtection. It lasts <see cref="ConsoleOptions.SessionIdle"/> idle
/// and <see cref="ConsoleOptions.SessionMax"/> at most. Every form carries a token bound to the session (the sign-in
/// form, to a short-lived cookie of its own), checked on every POST.
/// </summary>
internal sealed class ConsoleSessions(IDataProtectionProvider protection, IConfiguration configuration, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string CookieName = ".dialnexa.console";

    public const string SignInCookieName = ".dialnexa.console.signin";

    public const string TokenField = "__console_token";

    private readonly IDataProtector _sessions = protection.CreateProtector("DialNexa.OperationsConsole.Session.v1");
    private readonly ITimeLimitedDataProtector _signIn = protection.CreateProtector("DialNexa.OperationsConsole.SignIn.v1").ToTimeLimitedDataProtector();
    private readonly IDataProtector _forms = protection.CreateProtector("DialNexa.OperationsConsole.Form.v1");

    /// <summary>True when an admin key is set, without which nobody can sign in.</summary>
    public bool KeyConfigured => !string.IsNullOrEmpty(configuration[SettingNames.AdminKey]);

    /// <summary>The session the request's cookie carries, if it is valid and within its limits.</summary>
    public ConsoleSession? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie) || !KeyConfigured)
        {
            return null;
        }

        ConsoleSession? session;
        try
        {
            session = AppJson.Deserialize<ConsoleSession>(_sessions.Unprotect(cookie));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        if (session is null
            || now - session.SignedInAt > settings.SessionMax
            || now - session.LastSeenAt > settings.SessionIdle
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(session.KeyDigest), Encoding.ASCII.GetBytes(KeyDigest(configuration[SettingNames.AdminKey]!))))
        {
            return null;
        }

        return session;
    }

    /// <summary>Renews the session's idle limit (the cookie is written again with the new time).</summary>
    public void Renew(HttpContext http, ConsoleSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        Write(http, session with { LastSeenAt = time.GetUtcNow() }, path);
    }

    /// <summary>Checks a presented admin key in constant time; on success, opens a session and sets its cookie.</summary>
    public ConsoleSession? SignIn(HttpContext http, string presentedKey, string zone, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        var expected = configuration[SettingNames.AdminKey];
        if (string.IsNullOrEmpty(expected) || !Matches(presentedKey, expected))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = new ConsoleSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), now, now, zone, KeyDigest(expected));
        Write(http, session, path);
        http.Response.Cookies.Delete(SignInCookieName, CookieOptions(http, path));
        return session;
    }

    public void SignOut(HttpContext http, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(CookieName, CookieOptions(http, path));
    }

    /// <summary>The antiforgery token of a signed-in form.</summary>
    public string FormToken(ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _forms.Protect("session:" + session.Id);
    }

    /// <summary>True when a posted form carries the token of this session.</summary>
    public bool IsFormTokenValid(ConsoleSession session, string? token)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Unprotects(_forms, token) is { } value && FixedEquals(value, "session:" + session.Id);
    }

    /// <summary>The sign-in form's token, bound to a fresh short-lived cookie (there is no session yet to bind it to).</summary>
    public string SignInToken(HttpContext http, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var lifetime = TimeSpan.FromMinutes(15);
        var cookie = CookieOptions(http, path);
        cookie.MaxAge = lifetime;
        http.Response.Cookies.Append(SignInCookieName, _signIn.Protect("signin-cookie:" + nonce, lifetime), cookie);
        return _signIn.Protect("signin-form:" + nonce, lifetime);
    }

    public bool IsSignInTokenValid(HttpContext http, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Request.Cookies.TryGetValue(SignInCookieName, out var cookie);
        return Unprotects(_signIn, cookie) is { } fromCookie && fromCookie.StartsWith("signin-cookie:", StringComparison.Ordinal)
            && Unprotects(_signIn, token) is { } fromForm && fromForm.StartsWith("signin-form:", StringComparison.Ordinal)
            && FixedEquals(fromCookie["signin-cookie:".Length..], fromForm["signin-form:".Length..]);
    }

    private void Write(HttpContext http, ConsoleSession session, string path)
    {
        var cookie = CookieOptions(http, path);
        http.Response.Cookies.Append(CookieName, _sessions.Protect(System.Text.Json.JsonSerializer.Serialize(session, AppJson.Options)), cookie);
    }

    /// <summary>
    /// A session cookie (no expiry: the browser drops it when closed; the limits are checked from its content), Secure
    /// unless the request is plain HTTP to this machine (the self-host on localhost): behind the Functions host the worker
    /// sees HTTP from the host, whatever the browser used, and the cookie must still be Secure there.
    /// </summary>
    private static CookieOptions CookieOptions(HttpContext http, string path) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps || !IsLoopbackHost(http.Request.Host.Host),
        Path = path,
        IsEssential = true,
    };

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private static string? Unprotects(IDataProtector protector, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static bool Matches(string presented, string expected) => FixedEquals(presented, expected);

    private static string KeyDigest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("DialNexa.OperationsConsole.Key\n" + key)));
}
