using Microsoft.DurableTask;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>A trivial activity: the runtime benchmarks measure dispatch and storage, not work.</summary>
internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult("Hello " + input);
}
