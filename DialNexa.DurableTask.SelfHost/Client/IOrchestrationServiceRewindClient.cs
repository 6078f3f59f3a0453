namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>
/// Implemented by an orchestration service client that can rewind a failed instance. DurableTask.Core publishes no
/// such contract; DurableTask.AzureStorage's <c>RewindTaskOrchestrationAsync</c> is adapted to it, and another
/// provider opts in by implementing it.
/// </summary>
public interface IOrchestrationServiceRewindClient
{
    /// <summary>Rewinds the failed instance <paramref name="instanceId"/> so its failed activities and sub-orchestrations run again.</summary>
    /// <param name="instanceId">The failed instance.</param>
    /// <param name="reason">Why, recorded with the rewind.</param>
    /// <returns>A task that completes once the rewind is recorded.</returns>
    Task RewindTaskOrchestrationAsync(string instanceId, string reason);
}
