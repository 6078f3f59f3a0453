namespace DialNexa.Functions.Cli;

/// <summary>What the app binary's exit code means, for every command and for the app itself.</summary>
internal static class ExitCodes
{
    /// <summary>Done (the app: stopped normally).</summary>
    public const int Success = 0;

    /// <summary>It could not be done: a setting, a busy port, the store in use, the app unreachable or refusing.</summary>
    public const int Failure = 1;

    /// <summary>Wrong usage: an unknown command or option, a missing argument, a file that is not there.</summary>
    public const int Usage = 2;
}
