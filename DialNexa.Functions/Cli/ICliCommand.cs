namespace DialNexa.Functions.Cli;

/// <summary>A sub-command of the app binary (`dotnet run --project DialNexa.Functions -- NAME ...`).</summary>
internal interface ICliCommand
{
    /// <summary>The word after `--` that selects this command.</summary>
    string Name { get; }

    /// <summary>Runs the command; the return value is the process exit code.</summary>
    Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error);
}
