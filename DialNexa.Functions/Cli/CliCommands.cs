namespace DialNexa.Functions.Cli;

/// <summary>The sub-commands the app binary understands.</summary>
internal static class CliCommands
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new SendSampleCommand(),
        new RedactCommand(),
        new BenchMovedCommand(),
    ];

    public static ICliCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
