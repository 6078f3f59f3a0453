namespace DialNexa.DurableTask.SelfHost;

/// <summary>
/// Which existing instances a start without explicit dedupe statuses may replace, as Durable Functions'
/// <c>extensions.durableTask.overridableExistingInstanceStates</c> setting.
/// </summary>
public enum OverridableExistingInstanceStates
{
    /// <summary>
    /// Only a finished instance (Completed, Failed, Terminated, Canceled) is replaced; starting an instance ID that is
    /// Pending, Running or Suspended throws <see cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>.
    /// The default.
    /// </summary>
    NonRunningStates = 0,

    /// <summary>An instance in any state is replaced: a Pending, Running or Suspended one is terminated first.</summary>
    AnyState = 1,
}
