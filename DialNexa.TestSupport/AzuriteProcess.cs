using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
namespace DialNexa.TestSupport;

/// <summary>
/// Azurite (tools/node_modules/.bin/azurite, pinned in tools/package-lock.json) started on free loopback ports with
/// in-memory persistence, for the tests and the Azurite benchmarks. Stopped by its own process ID.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    private int _disposed;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The development account's connection string with this Azurite's three endpoints.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public int ProcessId => _process.Id;

    /// <summary>Finds Azurite under the repository's tools folder and starts it; throws saying why when it cannot.</summary>
    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default) => await StartAsync([], cancellationToken);

    /// <summary>Starts Azurite with extra arguments (for example <c>--oauth basic --cert … --key …</c> for HTTPS and Entra ID tokens).</summary>
    public static async Task<AzuriteProcess> StartAsync(IReadOnlyList<string> extraArguments, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await StartOnceAsync(executable, extraArguments, cancellationToken);
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                last = ex; // A free port was taken between choosing and binding it: choose again.
            }
        }

        throw last!;
    }

    private static async Task<AzuriteProcess> StartOnceAsync(string executable, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Azurite ({executable}) did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Azurite ({executable}) could not be started: {ex.Message}. Is Node.js installed? Run 'bash scripts/install-test-tools.sh'.", ex);
        }

        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, output, blob, queue, table);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                string log;
                lock (output)
                {
                    log = output.ToString().Trim();
                }

                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening: {log}");
            }

            if (await ListensAsync(blob, cancellationToken) && await ListensAsync(queue, cancellationToken) && await ListensAsync(table, cancellationToken))
            {
                return azurite;
            }

            await Task.Delay(100, cancellationToken);
        }

        await azurite.DisposeAsync();
        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{queue} and :{table} within 90 s (a loaded machine starts node slowly).");
    }

    /// <summary>Stops Azurite (its in-memory data goes with it); safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>tools/node_modules/.bin/azurite in the first folder up from the app that has it.</summary>
    public static string FindExecutable()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Azurite is not installed: no tools/node_modules/.bin/azurite above {AppContext.BaseDirectory}. Run 'bash scripts/install-test-tools.sh' (it installs the pinned azurite from tools/package-lock.json).");
    }

    private static async Task<bool> ListensAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
