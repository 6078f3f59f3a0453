using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>
/// Written against DurableTask.Core directly, which takes a fired timer at its word (Microsoft.DurableTask re-arms a
/// timer that fires before its time, which would hide a stale timer). Generation 0 races a 1 s timer against "Go" and
/// continues as new when "Go" wins, its timer still pending; generation 1 races a 30 s timer (the same timer ID) against
/// "Second". A stale timer delivered into generation 1 makes it report "timer".
/// </summary>
internal sealed class CoreGenerations : TaskOrchestration<string, int>
{
    public const string Name = "CoreGenerations";

    private readonly TaskCompletionSource<string> _event = new();

    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input == 0 ? 1 : 30), "timer", cancel.Token);
        var winner = await Task.WhenAny(timer, _event.Task);
        cancel.Cancel();
        if (winner == timer)
        {
            return $"generation {input}: timer";
        }

        if (input == 0)
        {
            context.ContinueAsNew(1);
            return "continued";
        }

        return $"generation {input}: {await _event.Task}";
    }

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
        if (name is "Go" or "Second")
        {
            _event.TrySetResult(name);
        }
    }
}
