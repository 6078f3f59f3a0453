namespace DialNexa.Functions.Benchmarks;

/// <summary>Options shared by the scenarios: `--count N`, `--store embedded|azurite`, `--work-dir PATH`.</summary>
internal sealed record BenchmarkOptions(int? Count, string Store, string WorkDirectory);
