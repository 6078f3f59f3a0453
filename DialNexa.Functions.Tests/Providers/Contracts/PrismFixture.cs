using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Prism (tools/node_modules, pinned in tools/package.json) as a validating mock of the Paystack, Gusto and Altoviz
/// specs, and of Proabono's description rebuilt from its per-operation reference: each is started once per test run on a free loopback port, in parallel, and stopped at the end.
/// Run without <c>--errors</c>: Gusto's own examples break its schemas, and <c>--errors</c> turns that into 500s.
/// </summary>
public sealed class PrismFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly ConcurrentDictionary<string, PrismServer> _servers = new(StringComparer.Ordinal);
    private readonly string _rebuilt = Path.Combine(Path.GetTempPath(), "dialnexa-prism", Guid.NewGuid().ToString("N"));

    /// <summary>The providers' official API descriptions, kept once beside the repository in <c>../shared/specs</c>.</summary>
    public static string SpecsDirectory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "specs"));
            return Directory.Exists(directory)
                ? directory
                : throw new DirectoryNotFoundException($"The provider specs are not at {directory}; the contract tests need the shared folder (../shared/specs) beside the repository.");
        }
    }

    public Uri Paystack => _servers["paystack"].BaseUrl;

    public Uri Gusto => _servers["gusto"].BaseUrl;

    public Uri Altoviz => _servers["altoviz"].BaseUrl;

    /// <summary>Proabono, from its description rebuilt from the per-operation reference (see <see cref="ProabonoOpenApi"/>).</summary>
    public Uri Proabono => _servers["proabono"].BaseUrl;

    public async Task InitializeAsync()
    {
        var prism = Path.Combine(RepositoryRoot(), "tools", "node_modules", ".bin", "prism");
        if (!File.Exists(prism))
        {
            throw new InvalidOperationException($"Prism is not installed at {prism}. Run: bash scripts/install-test-tools.sh");
        }

        var specs = new[] { "paystack", "gusto", "altoviz" }.ToDictionary(name => name, name => Path.Combine(SpecsDirectory, name + ".openapi.yaml"));
        specs["proabono"] = ProabonoOpenApi.Write(_rebuilt);
        var starts = specs.Select(async spec =>
        {
            _servers[spec.Key] = await PrismServer.StartAsync(prism, spec.Value, StartTimeout);
        });
        await Task.WhenAll(starts);
    }

    public Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            server.Dispose();
        }

        if (Directory.Exists(_rebuilt))
        {
            Directory.Delete(_rebuilt, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "host.json")) && Directory.Exists(Path.Combine(directory.FullName, "tools")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (host.json, tools/) was not found above the test binaries.");
    }

    /// <summary>One <c>prism mock</c> process; its log is kept for the failure message.</summary>
    private sealed class PrismServer : IDisposable
    {
        private readonly Process _process;

        private PrismServer(Process process, Uri baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static async Task<PrismServer> StartAsync(string prism, string spec, TimeSpan timeout)
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var start = new ProcessStartInfo(prism) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[] { "mock", spec, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                var log = new StringBuilder();
                var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var process = Process.Start(start) ?? throw new InvalidOperationException("prism did not start.");
                DataReceivedEventHandler collect = (_, e) =>
                {
                    if (e.Data is null)
                    {
                        return;
                    }

                    lock (log)
                    {
                        if (log.Length < 20_000)
                        {
                            log.AppendLine(e.Data);
                        }
                    }

                    if (e.Data.Contains("Prism is listening on", StringComparison.Ordinal))
                    {
                        listening.TrySetResult();
                    }
                };
                process.OutputDataReceived += collect;
                process.ErrorDataReceived += collect;
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var exited = process.WaitForExitAsync();
                var first = await Task.WhenAny(listening.Task, exited, Task.Delay(timeout));
                if (first == listening.Task)
                {
                    return new PrismServer(process, new Uri($"http://127.0.0.1:{port}"));
                }

                Stop(process);
                string text;
                lock (log)
                {
                    text = log.ToString();
                }

                // The free port can be taken between probing and binding; try another once.
                if (attempt < 2 && text.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    continue;
                }

                throw new InvalidOperationException($"prism mock {Path.GetFileName(spec)} did not start listening within {timeout.TotalSeconds} s:\n{text}");
            }
        }

        public void Dispose() => Stop(_process);

        private static void Stop(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
