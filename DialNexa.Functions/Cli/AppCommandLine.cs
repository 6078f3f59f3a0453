using System.Text;
using DialNexa.Functions.FunctionsHost;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Cli;

/// <summary>
/// What the app binary does with its arguments: help (<c>--help</c>, <c>-h</c>, <c>help [command]</c>), a command
/// (<c>send-sample</c>, <c>redact</c>, <c>bench</c>, each with its own <c>--help</c>), the Functions worker when the
/// Functions host started it, or else the self-host, whose arguments are settings (<c>--urls</c>,
/// <c>--Section:Name=value</c>). An unknown word is a usage error, never a reason to start the app.
/// </summary>
internal static class AppCommandLine
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "/?"];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (FunctionsHostDetection.StartedByFunctionsHost(args))
        {
            await FunctionsWorkerHost.Build(args).RunAsync();
            return ExitCodes.Success;
        }

        if (args.Length == 0)
        {
            return await SelfHostRunner.RunAsync(args, output, error);
        }

        var first = args[0];
        if (IsHelp(first) || first.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            if (first.Equals("help", StringComparison.OrdinalIgnoreCase) && args.Length > 1)
            {
                return await CommandHelpAsync(args[1], output, error);
            }

            await output.WriteAsync(AppHelp());
            return ExitCodes.Success;
        }

        if (CliCommands.Find(first) is { } command)
        {
            if (args.Skip(1).Any(IsHelp))
            {
                await output.WriteLineAsync(command.Help.TrimEnd());
                return ExitCodes.Success;
            }

            return await command.RunAsync(args[1..], input, output, error);
        }

        if (!first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"'{first}' is not a command of this app. Commands: {string.Join(", ", CliCommands.All.Select(c => c.Name))}; run with --help for more.");
            return ExitCodes.Usage;
        }

        if (args.FirstOrDefault(IsHelp) is not null)
        {
            await output.WriteAsync(AppHelp());
            return ExitCodes.Success;
        }

        return await SelfHostRunner.RunAsync(args, output, error);
    }

    private static bool IsHelp(string arg) => HelpFlags.Contains(arg, StringComparer.OrdinalIgnoreCase);

    private static async Task<int> CommandHelpAsync(string name, TextWriter output, TextWriter error)
    {
        if (CliCommands.Find(name) is not { } command)
        {
            await error.WriteLineAsync($"'{name}' is not a command of this app. Commands: {string.Join(", ", CliCommands.All.Select(c => c.Name))}.");
            return ExitCodes.Usage;
        }

        await output.WriteLineAsync(command.Help.TrimEnd());
        return ExitCodes.Success;
    }

    private static string AppHelp()
    {
        var text = new StringBuilder();
        text.AppendLine("DialNexa Finance Handoff: turns DialNexa billing calls into approved, redacted work in Gusto, Paystack,");
        text.AppendLine("Plisio, Proabono and Altoviz, with Slack for approvals and alerts.");
        text.AppendLine();
        text.AppendLine("Usage:");
        text.AppendLine("  dotnet run --project DialNexa.Functions [-- settings]            start the app");
        text.AppendLine("  dotnet run --project DialNexa.Functions -- <command> [options]   run a command");
        text.AppendLine("  dotnet run --project DialNexa.Functions -- help <command>       a command's help (or <command> --help)");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var command in CliCommands.All)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {command.Name,-13}{command.Summary}");
        }

        text.AppendLine();
        text.AppendLine("Starting the app:");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  --urls URL            where it listens (default {FunctionAppHost.DefaultUrl}; or set ASPNETCORE_URLS)");
        text.AppendLine("  --Section:Name=value  any setting, for example --DialNexa:DataDirectory=/var/lib/dialnexa");
        text.AppendLine("  Settings are read from local.settings.json (its Values), then environment variables named like");
        text.AppendLine("  DialNexa__Section__Name, then the command line. Relative paths are read from the working directory.");
        text.AppendLine("  Stop it with Ctrl+C.");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done; 1 it could not be done (a setting, a busy port, the store in use, the app unreachable);");
        text.AppendLine("2 wrong usage (an unknown command or option, a missing file).");
        return text.ToString();
    }
}
