namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The operations console's settings (section <c>DialNexa:Console</c>): how long a session lasts idle
/// (<c>DialNexa__Console__SessionIdle</c>, 30 minutes, renewed by every page) and at most
/// (<c>DialNexa__Console__SessionMax</c>, 8 hours from sign-in), and how old the in-memory copy of the call list may grow
/// before it is read again from the store (<c>DialNexa__Console__ListRefresh</c>, 5 seconds; this host's own writes
/// show at once, another host's within this time). An address that gives a wrong admin key
/// <c>DialNexa__Console__SignInFailuresAllowed</c> times (5) within <c>DialNexa__Console__SignInLockout</c> (15 minutes)
/// may not sign in again until that time has passed.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "DialNexa:Console";

    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionMax { get; set; } = TimeSpan.FromHours(8);

    public TimeSpan ListRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public int SignInFailuresAllowed { get; set; } = 5;

    public TimeSpan SignInLockout { get; set; } = TimeSpan.FromMinutes(15);
}
