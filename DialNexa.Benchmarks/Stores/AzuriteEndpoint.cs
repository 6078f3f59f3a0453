using System.Net;
using DialNexa.TestSupport;

namespace DialNexa.Benchmarks.Stores;

/// <summary>
/// The Azurite a run uses: the one at <c>AzureWebJobsStorage</c> when that is a connection string to this machine
/// (<c>UseDevelopmentStorage=true</c> or loopback endpoints), else one started here from tools/node_modules on free
/// loopback ports and stopped with the run. Anything that is not on this machine is refused: a benchmark loads its target.
/// </summary>
internal sealed class AzuriteEndpoint : IAsyncDisposable
{
    private const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;";

    private readonly AzuriteProcess? _process;

    private AzuriteEndpoint(string connectionString, AzuriteProcess? process, string origin)
    {
        ConnectionString = connectionString;
        _process = process;
        Origin = origin;
        Services = Endpoints(connectionString);
    }

    public string ConnectionString { get; }

    /// <summary>"started" or "AzureWebJobsStorage", for the figures.</summary>
    public string Origin { get; }

    /// <summary>Each service's endpoint (blob, queue, table).</summary>
    public IReadOnlyDictionary<string, Uri> Services { get; }

    public static async Task<AzuriteEndpoint> OpenAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(configured) && !string.Equals(configured.Trim(), "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configured.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                ? DevelopmentAccount + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
                : configured.Trim();
            var endpoints = Endpoints(connectionString);
            if (endpoints.Count < 3 || endpoints.Values.Any(uri => !IsLoopback(uri)))
            {
                throw new InvalidOperationException(
                    "AzureWebJobsStorage is set but does not name blob, queue and table endpoints on this machine; --store azurite measures a local Azurite only. Unset it to let the benchmark start its own.");
            }

            await log.WriteLineAsync($"using the Azurite at AzureWebJobsStorage ({endpoints["queue"].Authority} for queues)");
            return new AzuriteEndpoint(connectionString, null, "AzureWebJobsStorage");
        }

        var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        await log.WriteLineAsync($"started Azurite (pid {azurite.ProcessId}, in memory) on 127.0.0.1:{azurite.QueuePort} for queues, :{azurite.TablePort} for tables, :{azurite.BlobPort} for blobs");
        return new AzuriteEndpoint(azurite.ConnectionString, azurite, "started");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static Dictionary<string, Uri> Endpoints(string connectionString)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || !part[..at].EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)
                || !Uri.TryCreate(part[(at + 1)..], UriKind.Absolute, out var uri))
            {
                continue;
            }

            endpoints[part[..(at - "Endpoint".Length)].ToLowerInvariant()] = uri;
        }

        return endpoints;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
