using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>Translations between DurableTask.Core's types and Microsoft.DurableTask's.</summary>
internal static class CoreConversions
{
    /// <summary>Pending, Running and Suspended: the statuses of an instance that has not finished.</summary>
    public static readonly IReadOnlyList<CoreStatus> RunningStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    /// <summary>Completed, Failed, Terminated and Canceled: the statuses of a finished instance.</summary>
    public static readonly IReadOnlyList<CoreStatus> TerminalStatuses = [CoreStatus.Completed, CoreStatus.Failed, CoreStatus.Terminated, CoreStatus.Canceled];

    public static OrchestrationRuntimeStatus ToRuntimeStatus(this CoreStatus status) => status switch
    {
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // ContinuedAsNew and Canceled are obsolete in the client enum but still exist in the core one.
        CoreStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
#pragma warning restore CS0618
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static CoreStatus ToCoreStatus(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => CoreStatus.Running,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
#pragma warning disable CS0618
        OrchestrationRuntimeStatus.ContinuedAsNew => CoreStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => CoreStatus.Canceled,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => CoreStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration runtime status."),
    };

    public static bool IsTerminal(this CoreStatus status) => TerminalStatuses.Contains(status);

    public static bool IsRunning(this CoreStatus status) => RunningStatuses.Contains(status);

    /// <summary>The whole chain, inner failures included, so <see cref="TaskFailureDetails.IsCausedBy{T}"/> sees the root cause.</summary>
    public static TaskFailureDetails? ToTaskFailureDetails(this CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToTaskFailureDetails(), details.Properties);

    /// <summary>
    /// Reads "Type: message", the text DurableTask.Core writes as a failed instance's output with failure details, when
    /// a provider keeps only the output.
    /// </summary>
    public static TaskFailureDetails? ParseFailureOutput(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        var separator = output.IndexOf(": ", StringComparison.Ordinal);
        var type = separator > 0 ? output[..separator] : string.Empty;
        if (type.Length == 0 || type.Contains(' ', StringComparison.Ordinal))
        {
            return new TaskFailureDetails("(unknown)", output, null, null, null);
        }

        return new TaskFailureDetails(type, output[(separator + 2)..], null, null, null);
    }
}
