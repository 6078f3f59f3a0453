namespace DialNexa.Functions.Cli;

/// <summary>A sub-command of the app binary (`dotnet run --project DialNexa.Functions -- NAME ...`).</summary>
internal interface ICliCommand
{
    /// <summary>The word after `--` that selects this command.</summary>
    string Name { get; }

    /// <summary>One line for the app's command list.</summary>
    string Summary { get; }

    /// <summary>The command's help: usage, options, exit codes (printed by <c>NAME --help</c> and <c>help NAME</c>).</summary>
    string Help { get; }

    /// <summary>Runs the command; the return value is the process exit code (<see cref="ExitCodes"/>).</summary>
    Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error);
}
