namespace DialNexa.Durable;

/// <summary>Which existing statuses block a start with the same instance ID (the rest are replaced).</summary>
public static class DedupePolicy
{
    /// <summary>Durable Functions' default: Pending, Running and Suspended block; finished instances are replaced.</summary>
    public static IReadOnlySet<OrchestrationRuntimeStatus> NonRunningStates { get; } = new HashSet<OrchestrationRuntimeStatus>
    {
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    };

    /// <summary>Every existing instance blocks the start: an ID is used once.</summary>
    public static IReadOnlySet<OrchestrationRuntimeStatus> AllStates { get; } = new HashSet<OrchestrationRuntimeStatus>(Enum.GetValues<OrchestrationRuntimeStatus>());

    /// <summary>Nothing blocks: an existing instance is always replaced (host.json AnyState).</summary>
    public static IReadOnlySet<OrchestrationRuntimeStatus> None { get; } = new HashSet<OrchestrationRuntimeStatus>();

    /// <summary>Reads host.json's <c>overridableExistingInstanceStates</c>.</summary>
    public static IReadOnlySet<OrchestrationRuntimeStatus> FromSetting(string? overridableExistingInstanceStates) =>
        overridableExistingInstanceStates?.Trim().ToUpperInvariant() switch
        {
            null or "" or "NONRUNNINGSTATES" => NonRunningStates,
            "ANYSTATE" => None,
            "NONE" => AllStates,
            _ => throw new InvalidOperationException(
                $"extensions:durableTask:overridableExistingInstanceStates is '{overridableExistingInstanceStates}'; use NonRunningStates (default), AnyState or None."),
        };
}
