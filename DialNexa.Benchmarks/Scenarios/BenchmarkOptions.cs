namespace DialNexa.Functions.Benchmarks;

/// <summary>Options shared by the scenarios: `--count N`, `--store embedded|azurite`, `--work-dir PATH`, `--rate N` (requests/s).</summary>
internal sealed record BenchmarkOptions(int? Count, string Store, string WorkDirectory)
{
    public int? Rate { get; init; }
}
