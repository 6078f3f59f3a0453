using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests.OldFormat;

/// <summary>
/// The orchestrations that wrote <c>OldFormat/old-codec.db</c> (with the store's first codec: Newtonsoft text rows), and
/// that finish its instances in the test that opens it. The file was written by the generator described in
/// <c>OldFormat/README.md</c>, which compiles this same file: change nothing here that would change what they schedule.
/// </summary>
internal static class LegacyWorkload
{
    /// <summary>Set by the generator to keep <c>Block</c> running while the file is closed, so its activity row stays.</summary>
    public static TaskCompletionSource<bool> BlockStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Func<Task> Block { get; set; } = () => Task.CompletedTask;

    public static HubRegistry AddLegacyWorkload(this HubRegistry registry) => registry
        .Orchestration<string, string>("LegacyDone", async (context, input) =>
            await context.CallActivityAsync<string>("Upper", input))
        .Orchestration<string, string>("LegacyWaiting", async (context, input) =>
        {
            var first = await context.CallActivityAsync<string>("Upper", input);
            context.SetCustomStatus("waiting");
            using var cancel = new CancellationTokenSource();
            var go = context.WaitForExternalEvent<string>("Go");
            var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddDays(1), cancel.Token);
            var winner = await Task.WhenAny(go, timeout);
            cancel.Cancel();
            return winner == go ? $"{first} {go.Result}" : "timed out";
        })
        .Orchestration<string, string>("LegacyActivity", async (context, input) =>
            await context.CallActivityAsync<string>("Block", input))
        .Orchestration<string, string>("LegacyFailed", async (context, input) =>
            await context.CallActivityAsync<string>("Throw", input))
        .Orchestration<string, string>("LegacyParent", async (context, input) =>
            "parent " + await context.CallSubOrchestratorAsync<string>("LegacyChild", input, new SubOrchestrationOptions { InstanceId = "legacy-child" }))
        .Orchestration<string, string>("LegacyChild", async (context, input) =>
        {
            context.SetCustomStatus("waiting");
            return $"{input} {await context.WaitForExternalEvent<string>("Go")}";
        })
        .Orchestration<string, string>("LegacyScheduled", async (context, input) =>
            $"{input} {await context.WaitForExternalEvent<string>("Go")}")
        .Activity<string, string>("Upper", (_, input) => Task.FromResult<string?>(input!.ToUpperInvariant()))
        .Activity<string, string>("Block", async (_, input) =>
        {
            BlockStarted.TrySetResult(true);
            await Block();
            return "unblocked " + input;
        })
        .Activity<string, string>("Throw", (_, input) => throw new InvalidOperationException("legacy failure for " + input));
}
