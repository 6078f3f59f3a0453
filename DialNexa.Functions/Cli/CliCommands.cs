using System.Diagnostics.CodeAnalysis;

namespace DialNexa.Functions.Cli;

/// <summary>The sub-commands the app binary understands; anything else starts the function host.</summary>
internal static class CliCommands
{
    private static ICliCommand[] All() =>
    [
        new BenchMovedCommand(),
        new SendSampleCommand(),
        new RedactCommand(),
    ];

    public static bool TryFind(string[] args, [NotNullWhen(true)] out ICliCommand? command)
    {
        command = null;
        if (args.Length == 0)
        {
            return false;
        }

        command = All().FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
        return command is not null;
    }
}
