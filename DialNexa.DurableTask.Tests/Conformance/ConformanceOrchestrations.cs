using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Tests.Conformance;

/// <summary>The Microsoft.DurableTask orchestrators and activities the conformance suite runs on every provider.</summary>
public static class ConformanceOrchestrations
{
    /// <summary>Attempts per key, for activities that fail a set number of times.</summary>
    public static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    /// <summary>Keys for which <see cref="FailWhileArmed"/> fails.</summary>
    public static readonly ConcurrentDictionary<string, bool> Armed = new(StringComparer.Ordinal);

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddActivity<SayHello>();
        registry.AddActivity<Square>();
        registry.AddActivity<FailTimes>();
        registry.AddActivity<DeclinePayment>();
        registry.AddActivity<FailWhileArmed>();
        registry.AddOrchestrator<HelloSequence>();
        registry.AddOrchestrator<FanOutFanIn>();
        registry.AddOrchestrator<RetryActivity>();
        registry.AddOrchestrator<TwoEvents>();
        registry.AddOrchestrator<WaitForEvent>();
        registry.AddOrchestrator<RaceTimerAgainstEvent>();
        registry.AddOrchestrator<WaitForEventWithTimeout>();
        registry.AddOrchestrator<ParentOfChild>();
        registry.AddOrchestrator<ChildReportsParent>();
        registry.AddOrchestrator<ChargeChild>();
        registry.AddOrchestrator<ChargeParent>();
        registry.AddOrchestrator<ChargeParentUnhandled>();
        registry.AddOrchestrator<ChargeDirectly>();
        registry.AddOrchestrator<SendPing>();
        registry.AddOrchestrator<ContinueAsNewAfterTimerRace>();
        registry.AddOrchestrator<ParentWaitingOnChild>();
        registry.AddOrchestrator<CustomStatusThenWait>();
        registry.AddOrchestrator<ReportStart>();
        registry.AddOrchestrator<ActivityFailsWhileArmed>();
        registry.AddOrchestrator<Echo>();
    }

    public sealed class SayHello : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
    }

    public sealed class Square : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
    }

    public sealed record FailTimesInput(string Key, int Failures);

    /// <summary>Fails its first <see cref="FailTimesInput.Failures"/> attempts, then returns the attempt number.</summary>
    public sealed class FailTimes : TaskActivity<FailTimesInput, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, FailTimesInput input)
        {
            var attempt = Attempts.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            return attempt <= input.Failures
                ? throw new InvalidOperationException($"attempt {attempt} of {input.Key} fails on purpose")
                : Task.FromResult(attempt);
        }
    }

    public class BillingException(string message) : Exception(message);

    public sealed class PaymentDeclinedException(string message) : BillingException(message);

    public sealed class DeclinePayment : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            throw new PaymentDeclinedException($"card declined for {input}");
    }

    public sealed class FailWhileArmed : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Armed.ContainsKey(input) ? throw new InvalidOperationException($"{input} is armed") : Task.FromResult($"ran {input}");
    }

    public sealed class HelloSequence : TaskOrchestrator<object?, List<string>>
    {
        public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, object? input) =>
        [
            await context.CallActivityAsync<string>(nameof(SayHello), "Tokyo"),
            await context.CallActivityAsync<string>(nameof(SayHello), "Seattle"),
            await context.CallActivityAsync<string>(nameof(SayHello), "London"),
        ];
    }

    public sealed class FanOutFanIn : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var squares = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Square), i)));
            return squares.Sum();
        }
    }

    public sealed record RetryInput(int Failures, int MaxAttempts);

    public sealed class RetryActivity : TaskOrchestrator<RetryInput, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, RetryInput input) =>
            context.CallActivityAsync<int>(
                nameof(FailTimes),
                new FailTimesInput(context.InstanceId, input.Failures),
                TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(200))));
    }

    public sealed class TwoEvents : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var first = await context.WaitForExternalEvent<string>("First");
            var second = await context.WaitForExternalEvent<string>("Second");
            return $"{first}+{second}";
        }
    }

    public sealed class WaitForEvent : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.WaitForExternalEvent<string>(input);
    }

    public sealed record RaceInput(int TimerSeconds, string EventName);

    /// <summary>A durable timer against an event; the loser is cancelled so the instance can finish.</summary>
    public sealed class RaceTimerAgainstEvent : TaskOrchestrator<RaceInput, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, RaceInput input)
        {
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.TimerSeconds), timerCancellation.Token);
            var raised = context.WaitForExternalEvent<string>(input.EventName);
            if (await Task.WhenAny(timer, raised) == raised)
            {
                timerCancellation.Cancel();
                return $"event:{raised.Result}";
            }

            return "timer";
        }
    }

    public sealed class WaitForEventWithTimeout : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            try
            {
                return "event:" + await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromSeconds(input));
            }
            catch (TaskCanceledException)
            {
                return "timeout";
            }
        }
    }

    public sealed class ParentOfChild : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallSubOrchestratorAsync<string>(nameof(ChildReportsParent), input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child" });
    }

    public sealed class ChildReportsParent : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var greeting = await context.CallActivityAsync<string>(nameof(SayHello), input);
            return $"{context.Parent?.Name}|{context.Parent?.InstanceId}|{greeting}";
        }
    }

    public sealed class ChargeChild : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(DeclinePayment), input);
    }

    public sealed record FailureReport(string ErrorType, string RootErrorType, string RootErrorMessage, bool RootIsBilling, bool RootIsPaymentDeclined, bool IsArgumentException);

    public static FailureReport Report(TaskFailureDetails details)
    {
        var root = details;
        while (root.InnerFailure is not null)
        {
            root = root.InnerFailure;
        }

        return new FailureReport(
            details.ErrorType,
            root.ErrorType,
            root.ErrorMessage,
            root.IsCausedBy<BillingException>(),
            root.IsCausedBy<PaymentDeclinedException>(),
            root.IsCausedBy<ArgumentException>());
    }

    /// <summary>Catches its child's failure and reports the root cause it sees.</summary>
    public sealed class ChargeParent : TaskOrchestrator<string, FailureReport>
    {
        public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
        {
            try
            {
                await context.CallSubOrchestratorAsync<string>(nameof(ChargeChild), input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child" });
                throw new InvalidOperationException("the child was expected to fail");
            }
            catch (TaskFailedException ex)
            {
                return Report(ex.FailureDetails);
            }
        }
    }

    public sealed class ChargeParentUnhandled : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallSubOrchestratorAsync<string>(nameof(ChargeChild), input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child" });
    }

    /// <summary>Catches an activity's failure with an exception filter on the base exception type.</summary>
    public sealed class ChargeDirectly : TaskOrchestrator<string, FailureReport>
    {
        public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
        {
            try
            {
                await context.CallActivityAsync<string>(nameof(DeclinePayment), input);
                throw new InvalidOperationException("the activity was expected to fail");
            }
            catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<BillingException>())
            {
                return Report(ex.FailureDetails);
            }
        }
    }

    public sealed class SendPing : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            context.SendEvent(input, "Ping", $"from {context.InstanceId}");
            return Task.FromResult("sent");
        }
    }

    /// <summary>
    /// Generation 0 races a short timer against "Next" and continues as new when "Next" wins; generation 1 races a
    /// long timer against "Finish". A timer of generation 0 that fired into generation 1 would end it with "timer".
    /// </summary>
    public sealed class ContinueAsNewAfterTimerRace : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            using var timerCancellation = new CancellationTokenSource();
            var (seconds, eventName) = input == 0 ? (2, "Next") : (600, "Finish");
            context.SetCustomStatus($"generation {input}");
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), timerCancellation.Token);
            var raised = context.WaitForExternalEvent<string>(eventName);
            if (await Task.WhenAny(timer, raised) != raised)
            {
                return $"timer of generation {input}";
            }

            timerCancellation.Cancel();
            if (input == 0)
            {
                context.ContinueAsNew(1);
                return "continued";
            }

            return $"event:{raised.Result}";
        }
    }

    public sealed class ParentWaitingOnChild : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallSubOrchestratorAsync<string>(nameof(WaitForEvent), input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child" });
    }

    public sealed record Stage(string Name, int Step);

    public sealed class CustomStatusThenWait : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            context.SetCustomStatus(new Stage("waiting", 1));
            var value = await context.WaitForExternalEvent<string>("Go");
            context.SetCustomStatus(new Stage("done", 2));
            return value;
        }
    }

    public sealed record StartReport(DateTime StartedAt, string Version);

    public sealed class ReportStart : TaskOrchestrator<object?, StartReport>
    {
        public override Task<StartReport> RunAsync(TaskOrchestrationContext context, object? input) =>
            Task.FromResult(new StartReport(context.CurrentUtcDateTime, context.Version));
    }

    public sealed class ActivityFailsWhileArmed : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(FailWhileArmed), input);
    }

    public sealed class Echo : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }
}
