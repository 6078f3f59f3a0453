namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// A signed-in console session, carried in its cookie (encrypted and signed with the app's DataProtection key ring):
/// a random ID (which the forms' antiforgery tokens are bound to), when it began (for the absolute limit), when it was
/// last used (for the idle limit), the viewer's time zone, and a digest of the admin key it was opened with, so changing
/// the key ends every session.
/// </summary>
public sealed record ConsoleSession(string Id, DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt, string Zone, string KeyDigest);
