using Microsoft.DurableTask;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>One orchestration calling N activities at once and gathering their results.</summary>
internal sealed class FanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var calls = new Task<string>[input];
        for (var i = 0; i < input; i++)
        {
            calls[i] = context.CallActivityAsync<string>(nameof(SayHello), i.ToString(CultureInfo.InvariantCulture));
        }

        var results = await Task.WhenAll(calls);
        return results.Length;
    }
}
