using System.Diagnostics;
using DialNexa.Durable;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.Benchmarks;

/// <summary>The engine alone (no HTTP), on the embedded store in the benchmark's folder, with durable commits.</summary>
internal sealed class EngineBenchmarkHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineBenchmarkHost(ServiceProvider services)
    {
        _services = services;
        Worker = services.GetRequiredService<DurableTaskWorker>();
        Client = services.GetRequiredService<DurableTaskClient>();
        Store = services.GetRequiredService<IOrchestrationStore>();
    }

    public const int Concurrency = 64;

    public DurableTaskClient Client { get; }

    public DurableTaskWorker Worker { get; }

    public IOrchestrationStore Store { get; }

    /// <summary>The embedded store's commit counters (null on Azure Storage).</summary>
    public SqliteOrchestrationStore? Sqlite => Store as SqliteOrchestrationStore;

    /// <summary>Starts the engine on the embedded store in <paramref name="directory"/>, or on <paramref name="store"/> when given.</summary>
    public static async Task<EngineBenchmarkHost> StartAsync(string directory, Func<IServiceProvider, DurableTaskOptions, IOrchestrationStore>? store = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["extensions:durableTask:maxConcurrentOrchestratorFunctions"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["extensions:durableTask:storageProvider:synchronous"] = "FULL",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddDurableTask(configuration, BenchmarkFunctions.Register, store ?? DurableTaskServiceCollectionExtensions.EmbeddedStore(directory));
        var provider = services.BuildServiceProvider();
        var host = new EngineBenchmarkHost(provider);
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>The raw store's rate: single-row transactions with the same WAL and synchronous=FULL settings, for ~2 s.</summary>
    public static double MeasureRawCommitsPerSecond(string directory)
    {
        var path = Path.Combine(directory, "raw-commit-probe.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, v TEXT);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO probe (v) VALUES ('x')";
        var watch = Stopwatch.StartNew();
        var commits = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
            transaction.Commit();
            commits++;
        }

        return commits / watch.Elapsed.TotalSeconds;
    }

    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
    }

    public static double CurrentRssMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.WorkingSet64 / 1024.0 / 1024.0, 1);
    }

    public async Task<IReadOnlyList<OrchestrationMetadata>> AllInstancesAsync(CancellationToken cancellationToken)
    {
        var all = new List<OrchestrationMetadata>();
        string? token = null;
        do
        {
            var (instances, next) = await Client.GetAllInstancesAsync(new InstanceQuery { PageSize = 1000, ContinuationToken = token }, cancellationToken);
            all.AddRange(instances);
            token = next;
        }
        while (token is not null);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
