using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>HelloSequence5: five activities in sequence, the shape behind the published Durable Functions figures.</summary>
internal sealed class BenchHelloSequence : TaskOrchestrator<string, string[]>
{
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Paris", "Lagos"];

    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        var results = new string[Cities.Length];
        for (var i = 0; i < Cities.Length; i++)
        {
            results[i] = await context.CallActivityAsync<string>(nameof(BenchEcho), Cities[i]);
        }

        return results;
    }
}
