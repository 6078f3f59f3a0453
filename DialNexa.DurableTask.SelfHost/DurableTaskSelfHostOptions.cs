namespace DialNexa.DurableTask.SelfHost;

/// <summary>
/// Settings of the self-host's client and worker, bound from <c>extensions:durableTask</c> with the names the
/// Durable Functions extension reads from host.json.
/// </summary>
public sealed class DurableTaskSelfHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>
    /// The task hub's name (<c>hubName</c>), as the management API's <c>taskHub</c> parameter and status links name it.
    /// Default <c>TestHubName</c>, Durable Functions' default outside Azure.
    /// </summary>
    public string HubName { get; set; } = "TestHubName";

    /// <summary>The connection name the management API's links carry as <c>connection</c> (default <c>Storage</c>, for AzureWebJobsStorage).</summary>
    public string ConnectionName { get; set; } = "Storage";

    /// <summary>
    /// Which existing instances a start that names no dedupe statuses may replace (<c>overridableExistingInstanceStates</c>).
    /// </summary>
    public OverridableExistingInstanceStates OverridableExistingInstanceStates { get; set; } = OverridableExistingInstanceStates.NonRunningStates;

    /// <summary>
    /// Orchestration work items run at once by this host (<c>maxConcurrentOrchestratorFunctions</c>); unset keeps the
    /// orchestration service's own limit.
    /// </summary>
    public int? MaxConcurrentOrchestratorFunctions { get; set; }

    /// <summary>
    /// Activity work items run at once by this host (<c>maxConcurrentActivityFunctions</c>); unset keeps the
    /// orchestration service's own limit.
    /// </summary>
    public int? MaxConcurrentActivityFunctions { get; set; }

    /// <summary>How often <c>WaitForInstanceStartAsync</c> reads the instance's status (default 250 ms).</summary>
    public TimeSpan StatusPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
