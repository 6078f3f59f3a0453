using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DialNexa.Functions.Cli;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Tests.Cli;

/// <summary>
/// The app binary's command line: <c>--help</c> for the app and for each command says what it does; an unknown word is a
/// usage error (exit 2) that starts nothing; a start-up problem is one line naming the setting to change, exit code 1,
/// no stack trace, and a secret's value is never printed.
/// </summary>
public sealed class AppCommandLineTests
{
    [Theory]
    [InlineData("send-sample", "Usage: send-sample", "webhook secret")]
    [InlineData("redact", "Usage: redact", "standard input")]
    [InlineData("bench", "Usage: bench", "DialNexa.Benchmarks")]
    public async Task CommandHelp_EitherSpelling_SaysWhatTheCommandDoes(string name, string usage, string what)
    {
        foreach (var args in new[] { new[] { name, "--help" }, [name, "-h"], ["help", name] })
        {
            var (code, output, error) = await RunAsync(args);
            Assert.Equal(ExitCodes.Success, code);
            Assert.Empty(error);
            Assert.StartsWith(usage, output, StringComparison.Ordinal);
            Assert.Contains(what, output, StringComparison.Ordinal);
            Assert.Contains("Exit code", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AppHelp_ListsEveryCommandWithItsSummary_AndTheExitCodes()
    {
        var (code, output, error) = await RunAsync("--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        foreach (var command in CliCommands.All)
        {
            Assert.Contains($"{command.Name,-13}{command.Summary}", output, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0", output, StringComparison.Ordinal);
        Assert.Contains("--urls", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("sendsample")]
    public async Task UnknownCommand_IsAUsageError_NamingTheCommands(string word)
    {
        var (code, output, error) = await RunAsync(word);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"'{word}' is not a command", line, StringComparison.Ordinal);
        Assert.Contains("send-sample, redact, bench", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpForAnUnknownCommand_IsAUsageError()
    {
        var (code, output, error) = await RunAsync("help", "frobnicate");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("'frobnicate' is not a command", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DialNexa:Handoff:ApprovalTimeout", "abc", "DialNexa__Handoff__ApprovalTimeout is 'abc', which is not a duration")]
    [InlineData("DialNexa:Handoff:MinimumMatchConfidence", "1.5", "DialNexa__Handoff__MinimumMatchConfidence is 1.5")]
    [InlineData("DialNexa:Handoff:PublicBaseUrl", "ftp://x", "DialNexa__Handoff__PublicBaseUrl 'ftp://x' is not an absolute http(s) URL")]
    public async Task InvalidSetting_IsOneLineNamingIt_ExitCode1_NoStackTrace(string key, string value, string expected)
    {
        using var port = new TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var free = ((IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var (code, output, error) = await RunAppAsync($"--urls=http://127.0.0.1:{free}", $"--{key}={value}");
        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("Cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task PortInUse_IsOneLineNamingThePortAndHowToMove_ExitCode1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, output, error) = await RunAppAsync($"--urls=http://127.0.0.1:{port}");
        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"Port {port}", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task StoreHeldByAnotherHost_IsOneLineNamingTheDataDirectorySetting_ExitCode1()
    {
        await using var running = await Functions.Tests.Hosting.TestApp.StartAsync();
        using var port = new TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var free = ((IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();

        var (code, output, error) = await RunAppAsync($"--urls=http://127.0.0.1:{free}", $"--DialNexa:DataDirectory={running.DataDirectory}");

        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("Cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("DialNexa__DataDirectory", line, StringComparison.Ordinal);
        Assert.Contains(running.DataDirectory, line, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public void SecretSetting_ThatDoesNotConvert_IsNamedWithoutItsValue()
    {
        var problem = Assert.Single(Functions.Hosting.StartupProblem.Describe(new InvalidOperationException(
            "Failed to convert configuration value 'sk_live_hunter2' at 'Providers:Paystack:SecretKey' to type 'System.Int32'."))!);
        Assert.Contains("Providers__Paystack__SecretKey", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);

        problem = Assert.Single(Functions.Hosting.StartupProblem.Describe(new InvalidOperationException(
            "Failed to convert configuration value 'abc' at 'DialNexa:Handoff:ApprovalTimeout' to type 'System.TimeSpan'."))!);
        Assert.Contains("'abc'", problem, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AppCommandLine.RunAsync(args, new StringReader(string.Empty), output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The built app as the operator starts it, in its own process, with a fresh data directory.</summary>
    private static async Task<(int Code, string Output, string Error)> RunAppAsync(params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("dialnexa-cli-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DialNexa.Functions.dll"));
            start.ArgumentList.Add($"--DialNexa:DataDirectory={data.FullName}");
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The app started instead of refusing to.");
            }

            return (process.ExitCode, await output, await error);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
