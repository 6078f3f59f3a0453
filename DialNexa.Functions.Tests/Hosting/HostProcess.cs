using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>The built app run as a separate process (as a host in production), which a test can SIGKILL.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, Uri baseAddress, StreamWriter log, string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    /// <summary>Where the host keeps its data and its log (host.log).</summary>
    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var appDll = Path.Combine(AppContext.BaseDirectory, "DialNexa.Functions.dll");
        var workingDirectory = Path.Combine(dataDirectory, "cwd");
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--DialNexa:DataDirectory={dataDirectory}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--{name}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");

        // What the host writes is kept beside its data (host.log), for reading after a failed run.
        var log = new StreamWriter(Path.Combine(dataDirectory, "host.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Append(log, line.Data);
        process.ErrorDataReceived += (_, line) => Append(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"), log, dataDirectory);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} before answering.");
            }

            try
            {
                if ((await host.Http.GetAsync("/api/health")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The host did not answer /api/health within 30 s.");
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream is { CanWrite: true })
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
