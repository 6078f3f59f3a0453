using Microsoft.DurableTask;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>Waits for one external event, as a call waits for finance's approval.</summary>
internal sealed class WaitForGo : TaskOrchestrator<string, string>
{
    public const string EventName = "Go";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.WaitForExternalEvent<string>(EventName);
    }
}
