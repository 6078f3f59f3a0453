using Microsoft.DurableTask;

namespace DialNexa.Functions.Hosting;

/// <summary>Every orchestrator and activity of the app, as the self-host registers them (the Functions host finds them as functions).</summary>
internal static class FunctionRegistrations
{
    public static void Register(DurableTaskRegistry registry) => Handoff.HandoffServiceCollectionExtensions.Register(registry);
}
