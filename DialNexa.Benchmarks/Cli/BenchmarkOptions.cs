using DialNexa.DurableTask.Sqlite;

namespace DialNexa.Benchmarks.Cli;

/// <summary>
/// The command line of one run: which scenario, its size and rate, the store, runtime settings (<c>--set</c>, relative
/// to <c>extensions:durableTask</c>), the Azure Storage tuning study, repeats, and where the files go.
/// </summary>
internal sealed record BenchmarkOptions
{
    public const string Embedded = "embedded";
    public const string Azurite = "azurite";

    public required string Scenario { get; init; }

    public int? Count { get; init; }

    public int? Rate { get; init; }

    public string Store { get; init; } = Embedded;

    public bool Tune { get; init; }

    public int Runs { get; init; } = 1;

    public string? WorkDirectory { get; init; }

    /// <summary>Settings under <c>extensions:durableTask</c> (<c>storageProvider:partitionCount</c> → 8), as host.json names them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The embedded stores' synchronous mode for this run: FULL unless <c>--set storageProvider:synchronous=NORMAL</c>.</summary>
    public SqliteSynchronousMode Synchronous =>
        Settings.TryGetValue("storageProvider:synchronous", out var mode) && string.Equals(mode, "NORMAL", StringComparison.OrdinalIgnoreCase)
            ? SqliteSynchronousMode.Normal
            : SqliteSynchronousMode.Full;

    public bool OnAzurite => string.Equals(Store, Azurite, StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings as configuration keys (<c>extensions:durableTask:…</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> DurableTaskConfiguration =>
        Settings.Select(s => new KeyValuePair<string, string?>("extensions:durableTask:" + s.Key, s.Value));
}
