using System.Net;
using System.Net.Sockets;
using DialNexa.DurableTask.Sqlite;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// Runs the self-host from the command line. Everything that can stop it at start is checked before anything starts
/// (settings, the embedded store held by another host, the port taken), so a problem is reported as one line naming
/// what to change, with exit code 1, and no host log or stack trace in front of it.
/// </summary>
internal static class SelfHostRunner
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        WebApplication app;
        try
        {
            app = FunctionAppHost.Build(args);
        }
        catch (Exception ex) when (StartupProblem.Describe(ex) is { } problems)
        {
            await ReportAsync(error, problems);
            return Cli.ExitCodes.Failure;
        }

        await using (app)
        {
            try
            {
                // The host would validate these as it starts, after logging its failure with a stack trace.
                app.Services.GetService<IStartupValidator>()?.Validate();
                if (BusyAddress(app.Configuration) is { } busy)
                {
                    await ReportAsync(error, [$"{busy} is already in use (another copy of this app?). Start this one elsewhere: --urls http://localhost:7072 on the command line, or ASPNETCORE_URLS=http://localhost:7072 in the environment."]);
                    return Cli.ExitCodes.Failure;
                }

                if (app.Services.GetService<SqliteOrchestrationService>() is { } store)
                {
                    await store.CreateIfNotExistsAsync();
                }

                await app.StartAsync();
            }
            catch (Exception ex) when (StartupProblem.Describe(ex) is { } problems)
            {
                await ReportAsync(error, problems);
                return Cli.ExitCodes.Failure;
            }

            await app.WaitForShutdownAsync();
        }

        return Cli.ExitCodes.Success;
    }

    private static async Task ReportAsync(TextWriter error, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("Cannot start: " + problem);
        }
    }

    /// <summary>The first address the app would listen on that another process holds, or null.</summary>
    private static string? BusyAddress(IConfiguration configuration)
    {
        var urls = configuration["urls"] is { Length: > 0 } configured ? configured
            : configuration["ASPNETCORE_URLS"] is { Length: > 0 } environment ? environment
            : FunctionAppHost.DefaultUrl;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }

            IPAddress[] addresses = uri.Host switch
            {
                "localhost" => [IPAddress.Loopback],
                _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => [ip],
                _ => [],
            };
            foreach (var address in addresses)
            {
                if (Taken(new IPEndPoint(address, uri.Port)))
                {
                    return $"Port {uri.Port} ({url})";
                }
            }
        }

        return null;
    }

    private static bool Taken(IPEndPoint endpoint)
    {
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(endpoint);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (an address this machine lacks): Kestrel says what is wrong with it.
            return false;
        }
    }
}
