using System.Collections.Concurrent;
using DialNexa.Durable;

namespace DialNexa.Functions.Tests.Durable;

internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}");
}

internal sealed class HelloSequence : TaskOrchestrator<string, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string input)
    {
        var results = new List<string>();
        foreach (var city in new[] { "Tokyo", "Seattle", "London", "Paris", input })
        {
            results.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return results;
    }
}

internal sealed class Square : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
}

internal sealed class FanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tasks = Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Square), i)).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }
}

internal sealed class Fail : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => throw new InvalidOperationException("boom: " + input);
}

internal sealed class CatchFailure : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(Fail), input);
            return "no failure";
        }
        catch (TaskFailedException ex)
        {
            return $"{ex.TaskName}:{ex.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Fails until the attempt number given in the input, per instance.</summary>
internal sealed class Flaky : TaskActivity<int, int>
{
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        var attempt = Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        return attempt < input ? throw new TimeoutException($"attempt {attempt} failed") : Task.FromResult(attempt);
    }
}

internal sealed record RetryInput(int SucceedOnAttempt, int MaxAttempts);

internal sealed class RetryingCaller : TaskOrchestrator<RetryInput, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, RetryInput input) =>
        context.CallActivityAsync<int>(
            nameof(Flaky),
            input.SucceedOnAttempt,
            TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(20), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMilliseconds(50))));
}

internal sealed class WaitForTwoApprovals : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(SayHello), input);
        var first = await context.WaitForExternalEvent<string>("Approval");
        var second = await context.WaitForExternalEvent<string>("APPROVAL");
        return first + "," + second;
    }
}

internal sealed class WaitWithTimeout : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int timeoutMs)
    {
        context.SetCustomStatus("waiting");
        try
        {
            return await context.WaitForExternalEvent<string>("Decision", TimeSpan.FromMilliseconds(timeoutMs));
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

internal sealed class WaitForever : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus("waiting");
        var value = await context.WaitForExternalEvent<string>("Go");
        context.SetCustomStatus("done");
        return value;
    }
}

internal sealed class Child : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input) =>
        await context.CallActivityAsync<int>(nameof(Square), input) + 1;
}

internal sealed class Parent : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var a = await context.CallSubOrchestratorAsync<int>(nameof(Child), input);
        var b = await context.CallSubOrchestratorAsync<int>(nameof(Child), input + 1, new SubOrchestrationOptions(context.InstanceId + ":child"));
        return a + b;
    }
}

internal sealed class Counter : TaskOrchestrator<int, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input < 3)
        {
            context.ContinueAsNew(input + 1);
        }

        return Task.FromResult(input);
    }
}

internal sealed class TimerThenDone : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int delayMs)
    {
        var guid = context.NewGuid();
        await context.CreateTimer(TimeSpan.FromMilliseconds(delayMs), CancellationToken.None);
        var echoed = await context.CallActivityAsync<string>(nameof(SayHello), guid.ToString());
        return echoed == "Hello " + context.NewGuid() ? "guid changed" : echoed;
    }
}

/// <summary>Races an activity against an event that never comes (WhenAny), then works on, so later episodes replay the race.</summary>
internal sealed class RaceActivityAgainstEvent : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var activity = context.CallActivityAsync<string>(nameof(SayHello), input);
        var never = context.WaitForExternalEvent<string>("Never");
        var winner = await Task.WhenAny(activity, never);
        var first = winner == activity ? "activity:" + await activity : "event:" + await never;
        var after = await context.CallActivityAsync<string>(nameof(SayHello), "again");
        return first + "|" + after;
    }
}

internal sealed class Echo : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}

internal sealed class EchoThroughActivity : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(Echo), input);
}

/// <summary>Counts its runs per instance and, on the first, calls the hook a test registered for the instance (to cut its host off there).</summary>
internal sealed class RunOnceThenHook : TaskActivity<string, int>
{
    public static ConcurrentDictionary<string, int> Runs { get; } = new();

    public static ConcurrentDictionary<string, Action> OnFirstRun { get; } = new();

    public override Task<int> RunAsync(TaskActivityContext context, string input)
    {
        var run = Runs.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        if (run == 1 && OnFirstRun.TryRemove(context.InstanceId, out var hook))
        {
            hook();
        }

        return Task.FromResult(run);
    }
}

internal sealed class CallRunOnceThenHook : TaskOrchestrator<string, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<int>(nameof(RunOnceThenHook), input);
}

/// <summary>Tells the test it started, then waits until the test opens its gate (per instance).</summary>
internal sealed class GatedActivity : TaskActivity<string, string>
{
    public static ConcurrentDictionary<string, TaskCompletionSource> Started { get; } = new();

    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        Started.GetOrAdd(context.InstanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await Gates.GetOrAdd(context.InstanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        return "gated " + input;
    }
}

internal sealed class CallGatedActivity : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(GatedActivity), input);
}

/// <summary>Hangs on its first run for an instance (until the test ends), answers on the next: a worker stuck on a dead connection.</summary>
internal sealed class HangOnceActivity : TaskActivity<string, string>
{
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    public static TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        if (Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1) == 1)
        {
            await Release.Task;
            return "first " + input;
        }

        return "again " + input;
    }
}

internal sealed class CallHangOnce : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(HangOnceActivity), input);
}
