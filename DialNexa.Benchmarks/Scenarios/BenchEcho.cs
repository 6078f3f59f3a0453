using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>A trivial activity: the benchmark measures the engine, not the work.</summary>
internal sealed class BenchEcho : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult("Hello " + input);
}
