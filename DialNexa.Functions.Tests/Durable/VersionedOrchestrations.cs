using DialNexa.Durable;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>Two versions of one orchestrator (same registered name) that schedule different first steps.</summary>
internal static class VersionOne
{
    internal sealed class Shifting : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            await context.CallActivityAsync<string>(nameof(SayHello), input);
            context.SetCustomStatus("waiting");
            return await context.WaitForExternalEvent<string>("Go");
        }
    }
}

internal static class VersionTwo
{
    internal sealed class Shifting : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            await context.CallActivityAsync<int>(nameof(Square), 2);
            return await context.WaitForExternalEvent<string>("Go");
        }
    }
}
