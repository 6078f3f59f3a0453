using Microsoft.DurableTask;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>HelloSequence5: five activities in sequence, the shape behind the published Durable Functions figures.</summary>
internal sealed class HelloSequence : TaskOrchestrator<string, string[]>
{
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Lagos", "Lima"];

    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new string[Cities.Length];
        for (var i = 0; i < Cities.Length; i++)
        {
            results[i] = await context.CallActivityAsync<string>(nameof(SayHello), Cities[i]);
        }

        return results;
    }
}
