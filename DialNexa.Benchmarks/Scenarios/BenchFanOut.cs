using DialNexa.Durable;

namespace DialNexa.Functions.Benchmarks;

/// <summary>One orchestration fanning out to N parallel activities and fanning the results in.</summary>
internal sealed class BenchFanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var calls = new Task<string>[input];
        for (var i = 0; i < input; i++)
        {
            calls[i] = context.CallActivityAsync<string>(nameof(BenchEcho), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var results = await Task.WhenAll(calls);
        return results.Length;
    }
}
