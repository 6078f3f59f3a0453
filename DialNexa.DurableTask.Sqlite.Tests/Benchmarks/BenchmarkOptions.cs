namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>What every scenario takes: its size, the store's synchronous mode, and where its files go.</summary>
internal sealed record BenchmarkOptions(int? Count, SqliteSynchronousMode Synchronous, string WorkDirectory, int? Concurrency = null);
